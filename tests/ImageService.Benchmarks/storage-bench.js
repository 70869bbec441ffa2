// Latency of the two storage backends side by side, for storage-bench.sh (issue 4, item 7).
// Usage: node storage-bench.js TOKEN PHOTO UPLOADS GETS NAME=BASE_URL NAME=BASE_URL ...
// Uploads (POST /images, multipart, concurrency 1) and GET /images/{id} (sequential, keep-alive) alternate between
// the backends request by request, swapping which goes first every round, so a burst of load from other users of the
// machine lands on both sides alike. Prints JSON on stdout.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [token, photoPath, uploadsArg, getsArg, ...targets] = process.argv.slice(2);
const uploads = Number(uploadsArg);
const gets = Number(getsArg);
const backends = targets.map(t => { const i = t.indexOf('='); return { name: t.slice(0, i), base: t.slice(i + 1), upload: [], get: [] }; });
const photo = fs.readFileSync(photoPath);
const auth = { authorization: `Bearer ${token}` };

async function upload(backend, i) {
  const form = new FormData();
  form.append('file', new Blob([photo], { type: 'image/jpeg' }), path.basename(photoPath));
  form.append('title', `storage bench ${i}`);
  const started = process.hrtime.bigint();
  const response = await fetch(`${backend.base}/images`, { method: 'POST', body: form, headers: auth });
  const body = await response.json();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 201) throw new Error(`${backend.name} upload ${i}: ${response.status} ${JSON.stringify(body)}`);
  backend.id = body.id;
  return ms;
}

async function get(backend) {
  const started = process.hrtime.bigint();
  const response = await fetch(`${backend.base}/images/${backend.id}`, { headers: auth });
  const body = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200) throw new Error(`${backend.name} GET: ${response.status} ${body}`);
  return ms;
}

// Round r visits the backends in order, or in reverse on odd rounds.
function order(r) { return r % 2 === 0 ? backends : [...backends].reverse(); }

function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = p => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { n: sorted.length, p50: at(50), p95: at(95), max: sorted[sorted.length - 1], mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

(async () => {
  // Warm-up, not counted: JIT, libvips init, SQLite pages, SDK clients and their connection pools.
  for (let r = 0; r < 5; r++) for (const b of order(r)) await upload(b, 1000 + r);
  for (let r = 0; r < 30; r++) for (const b of order(r)) await get(b);

  for (let r = 0; r < uploads; r++) for (const b of order(r)) b.upload.push(await upload(b, r));
  for (let r = 0; r < gets; r++) for (const b of order(r)) b.get.push(await get(b));

  console.log(JSON.stringify({
    photoBytes: photo.length,
    backends: backends.map(b => ({ name: b.name, upload: stats(b.upload), get: stats(b.get), sampleId: b.id })),
  }));
})().catch(e => { console.error(e); process.exit(1); });
