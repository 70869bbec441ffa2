// Markdown table for storage-bench.sh from storage-bench.js's JSON: each backend's p50/p95 and the ratio of the
// second backend to the first (Aws/Local). Usage: node storage-report.js RESULT.json
'use strict';
const fs = require('node:fs');

const result = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const [first, second] = result.backends;
const ms = v => v.toFixed(1);
const ratio = (a, b) => `${(b / a).toFixed(2)}x`;

const lines = [
  `| operation | n per backend | ${first.name} p50 ms | ${first.name} p95 ms | ${second.name} p50 ms | ${second.name} p95 ms | ${second.name}/${first.name} p50 | ${second.name}/${first.name} p95 |`,
  '|---|---:|---:|---:|---:|---:|---:|---:|',
];
for (const [label, key] of [['upload (POST /images, c=1)', 'upload'], ['GET /images/{id} (sequential)', 'get']]) {
  const a = first[key];
  const b = second[key];
  lines.push(`| ${label} | ${a.n} | ${ms(a.p50)} | ${ms(a.p95)} | ${ms(b.p50)} | ${ms(b.p95)} | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} |`);
}
console.log(lines.join('\n'));
