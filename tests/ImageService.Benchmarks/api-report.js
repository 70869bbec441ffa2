// Formats api-bench.sh results as Markdown. Usage: node api-report.js OUT_DIR CONNECTIONS SECONDS
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const [out, connections, seconds] = process.argv.slice(2);
const read = name => JSON.parse(fs.readFileSync(path.join(out, name), 'utf8'));
const up = read('upload.json');
const get = read('get.json');
const render = read('render.json');
const peer = read('peer-get.json');
const f = x => x.toFixed(1);
const errors = r => (r.non2xx || 0) + (r.errors || 0) + (r.timeouts || 0);
console.log([
  '| measurement | p50 | p95 / p99 | throughput | target |',
  '|---|---|---|---|---|',
  `| upload 2560x1600 JPEG end to end, concurrency 1 (n=${up.c1.n}) | ${f(up.c1.p50)} ms | p95 ${f(up.c1.p95)} ms | ${f(up.c1.perSecond)} uploads/s | p95 <= 250 ms |`,
  `| upload 2560x1600 JPEG end to end, concurrency 2 (n=${up.c2.n}) | ${f(up.c2.p50)} ms | p95 ${f(up.c2.p95)} ms | ${f(up.c2.perSecond)} uploads/s | - |`,
  `| peer: sharp, the same two renditions in-process (n=${render.n}) | ${f(render.p50)} ms | p95 ${f(render.p95)} ms | - | - |`,
  `| GET /images/{id}, ${connections} connections, ${seconds} s | ${get.latency.p50} ms | p99 ${get.latency.p99} ms | ${Math.round(get.requests.average)} req/s (${errors(get)} errors/non-2xx) | >= 5000 req/s, p99 <= 10 ms |`,
  `| peer: bare Node http server, same load | ${peer.latency.p50} ms | p99 ${peer.latency.p99} ms | ${Math.round(peer.requests.average)} req/s | - |`,
  '',
  `Ratios: upload p50 / sharp renditions p50 = ${(up.c1.p50 / render.p50).toFixed(2)}; ` +
  `GET throughput / bare-server throughput = ${(get.requests.average / peer.requests.average).toFixed(2)}.`,
].join('\n'));
