// Same-run peers for api-bench.sh, so figures from a loaded machine can be read as ratios:
//   render  - sharp (the same libvips build) making the two upload renditions (2048 px WebP, 400 px WebP) from each
//             photo in-process: the image work an upload cannot avoid, without HTTP, sniffing or storage;
//   server  - a bare Node http server answering GET with a fixed JSON body of the same size as GET /images/{id}:
//             what autocannon can drive on this machine at all.
// Usage: node api-peers.js render PHOTO_DIR COUNT      -> JSON {p50, p95}
//        node api-peers.js server BODY_BYTES           -> prints the port, serves until killed
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');

const [mode, ...args] = process.argv.slice(2);

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

if (mode === 'render') {
  const sharp = require('sharp');
  const [dir, countArg] = args;
  const count = Number(countArg || 40);
  const photos = fs.readdirSync(dir).filter(f => /-2560x1600\.jpg$/.test(f)).sort().map(f => fs.readFileSync(path.join(dir, f)));
  const once = async i => {
    const started = process.hrtime.bigint();
    const display = await sharp(photos[i % photos.length]).rotate().resize(2048, 2048, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 }).toBuffer();
    await sharp(display).resize(400, 400, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  (async () => {
    for (let i = 0; i < 3; i++) await once(i);
    const times = [];
    for (let i = 0; i < count; i++) times.push(await once(i));
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), sharp: sharp.versions }));
  })().catch(e => { console.error(e); process.exit(1); });
} else if (mode === 'server') {
  const body = Buffer.from(JSON.stringify({ padding: 'x'.repeat(Math.max(0, Number(args[0] || 600) - 14) ) }));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 30000;
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
} else {
  console.error('usage: node api-peers.js render DIR COUNT | server BODY_BYTES');
  process.exit(2);
}
