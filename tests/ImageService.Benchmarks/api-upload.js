// Upload latency for api-bench.sh: POST /images with multipart photos at concurrency 1 and 2.
// Usage: node api-upload.js BASE_URL TOKEN PHOTO_DIR COUNT   -> prints JSON on stdout.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [base, token, dir, countArg] = process.argv.slice(2);
const count = Number(countArg || 40);
const photos = fs.readdirSync(dir).filter(f => /-2560x1600\.jpg$/.test(f)).sort()
  .map(f => ({ name: f, bytes: fs.readFileSync(path.join(dir, f)) }));
if (photos.length === 0) throw new Error(`no 2560x1600 photos in ${dir}`);

async function uploadOnce(i) {
  const photo = photos[i % photos.length];
  const form = new FormData();
  form.append('file', new Blob([photo.bytes], { type: 'image/jpeg' }), photo.name);
  form.append('title', `bench ${i}`);
  const started = process.hrtime.bigint();
  const response = await fetch(`${base}/images`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 201) throw new Error(`upload ${i}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, id: body.id };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function run(concurrency) {
  let next = 0;
  const times = [];
  let id;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const r = await uploadOnce(next++);
      times.push(r.ms);
      id = r.id;
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  return { concurrency, n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1], perSecond: times.length / seconds, id };
}

(async () => {
  for (let i = 0; i < 5; i++) await uploadOnce(1000 + i); // warm-up: JIT, libvips init, SQLite pages
  const c1 = await run(1);
  const c2 = await run(2);
  console.log(JSON.stringify({ photos: photos.length, photoBytes: photos.map(p => p.bytes.length), c1, c2, sampleId: c1.id }));
})().catch(e => { console.error(e); process.exit(1); });
