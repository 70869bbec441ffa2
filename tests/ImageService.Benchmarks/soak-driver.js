// Load driver of soak.sh: mixed traffic against one API process for SOAK_MINUTES, then a consistency check.
// Usage: node soak-driver.js BASE_URL TOKEN PHOTO_DIR DATA_DIR SERVER_PID MINUTES CONCURRENCY SEED  -> JSON on stdout.
// SOAK_DETAIL_SECONDS (5; 0: off): also samples, that often, the server's resident memory split into anonymous and
// file-backed pages, the managed heap from /metrics (the runtime's System.Runtime meter) and the requests in flight
// per kind, into the JSON's "detail" array (soak.sh writes it to detail.tsv): what moves the RSS, not just that it moves.
// Reproducible mix: the operation sequence comes from a seeded generator (the timing, and so the interleaving, does not).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const [base, token, photoDir, dataDir, pidArg, minutesArg, concurrencyArg, seedArg] = process.argv.slice(2);
const pid = Number(pidArg);
const minutes = Number(minutesArg || 10);
const concurrency = Number(concurrencyArg || 4);
const auth = { authorization: `Bearer ${token}` };

// mulberry32: small, seedable, good enough to pick operations.
let seed = Number(seedArg || 15) >>> 0;
function random() {
  seed = (seed + 0x6D2B79F5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = list => list[Math.floor(random() * list.length)];

// Photos: the 2560x1600 JPEGs, uploaded as they are (the expensive, realistic case); the mix keeps uploads rare.
const photos = fs.readdirSync(photoDir).filter(f => /-2560x1600\.jpg$/.test(f)).sort()
  .map(f => ({ name: f, bytes: fs.readFileSync(path.join(photoDir, f)) }));
if (photos.length === 0) throw new Error(`no 2560x1600 photos in ${photoDir}`);
const sha256 = bytes => crypto.createHash('sha256').update(bytes).digest('hex');

// Weights of each kind of request (sum 100).
const MIX = [
  ['upload', 6], ['list', 12], ['metadata', 15], ['delivery-hit', 24], ['delivery-304', 5], ['delivery-miss', 7],
  ['delivery-404', 3], ['patch', 9], ['delete', 4], ['signed-url', 8], ['signed-get', 7],
];
// What each kind may answer without it being a failure of the service (races between workers included: an image
// deleted by one worker while another reads or patches it is a 404; a patch that lost to another is a 412).
const EXPECTED = {
  upload: [201], list: [200], metadata: [200, 404], 'delivery-hit': [200, 404], 'delivery-304': [304, 200, 404],
  'delivery-miss': [200, 404], 'delivery-404': [404], patch: [200, 404, 412], delete: [204, 404],
  'signed-url': [200, 404], 'signed-get': [200, 404],
};

const live = new Map();     // id -> { sha, title }
const deleted = new Set();
const busy = new Set();     // ids a worker is deleting (others avoid them for writes)
const etags = new Map();    // delivery URL -> ETag
const signedUrls = [];
const stats = {};
const errors = [];
let publicKey;
const inFlight = {};        // kind -> requests sent and not yet answered (the detail sampler reads it)
const detailSeconds = Number(process.env.SOAK_DETAIL_SECONDS ?? 5);

function record(kind, status, ms) {
  const s = stats[kind] ??= { n: 0, statuses: {}, times: [], unexpected: 0 };
  s.n++;
  s.statuses[status] = (s.statuses[status] || 0) + 1;
  s.times.push(ms);
  if (!EXPECTED[kind].includes(status)) {
    s.unexpected++;
    if (errors.length < 50) errors.push({ kind, status });
  }
}

async function timed(kind, url, init = {}) {
  const started = process.hrtime.bigint();
  inFlight[kind] = (inFlight[kind] || 0) + 1;
  try {
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      record(kind, 0, Number(process.hrtime.bigint() - started) / 1e6);
      if (errors.length < 50) errors.push({ kind, error: String(e.cause || e) });
      return { status: 0, headers: new Headers(), body: Buffer.alloc(0) };
    }
    const body = Buffer.from(await response.arrayBuffer());
    record(kind, response.status, Number(process.hrtime.bigint() - started) / 1e6);
    return { status: response.status, headers: response.headers, body };
  } finally {
    inFlight[kind]--;
  }
}

const liveIds = () => [...live.keys()].filter(id => !busy.has(id));
const randomLive = () => { const ids = liveIds(); return ids.length ? pick(ids) : null; };
const fakeId = () => '0' + Array.from({ length: 25 }, () => pick('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split(''))).join('');

async function upload() {
  const photo = pick(photos);
  const form = new FormData();
  form.append('file', new Blob([photo.bytes], { type: 'image/jpeg' }), photo.name);
  const title = `soak ${Math.floor(random() * 1e9)}`;
  form.append('title', title);
  form.append('tags', pick(['sea', 'sand', 'forest', 'city']));
  const r = await timed('upload', `${base}/images`, { method: 'POST', body: form, headers: auth });
  if (r.status === 201) live.set(JSON.parse(r.body).id, { sha: sha256(photo.bytes), title });
}

const OPS = {
  upload,
  async list() {
    const tag = random() < 0.3 ? `&tag=${pick(['sea', 'sand', 'forest', 'city'])}` : '';
    const r = await timed('list', `${base}/images?limit=20${tag}`, { headers: auth });
    if (r.status === 200 && random() < 0.3) {
      const next = JSON.parse(r.body).next;
      if (next) await timed('list', `${base}/images?limit=20${tag}&cursor=${encodeURIComponent(next)}`, { headers: auth });
    }
  },
  async metadata() {
    const id = randomLive();
    if (id) await timed('metadata', `${base}/images/${id}`, { headers: auth });
  },
  // A small set of transforms per image, asked again and again: derived results served from storage.
  async 'delivery-hit'() {
    const id = randomLive();
    if (!id) return;
    const url = `${base}/${publicKey}/${id}?w=${pick([160, 320])}&f=webp`;
    const r = await timed('delivery-hit', url);
    if (r.status === 200 && r.headers.get('etag')) etags.set(url, r.headers.get('etag'));
  },
  async 'delivery-304'() {
    const urls = [...etags.keys()];
    if (!urls.length) return;
    const url = pick(urls);
    await timed('delivery-304', url, { headers: { 'if-none-match': etags.get(url) } });
  },
  // A width never asked before for this image: a render.
  async 'delivery-miss'() {
    const id = randomLive();
    if (id) await timed('delivery-miss', `${base}/${publicKey}/${id}?w=${100 + Math.floor(random() * 1100)}&q=${60 + Math.floor(random() * 30)}`);
  },
  async 'delivery-404'() {
    await timed('delivery-404', `${base}/${publicKey}/${fakeId()}?w=200`);
  },
  async patch() {
    const id = randomLive();
    if (!id) return;
    busy.add(id); // one writer per image at a time, so the title the soak expects is the last one written
    try {
      const current = await fetch(`${base}/images/${id}`, { headers: auth });
      await current.arrayBuffer();
      if (current.status !== 200) return;
      const title = `patched ${Math.floor(random() * 1e9)}`;
      const r = await timed('patch', `${base}/images/${id}`, {
        method: 'PATCH', headers: { ...auth, 'content-type': 'application/json', 'if-match': current.headers.get('etag') },
        body: JSON.stringify({ title, description: random() < 0.5 ? null : 'soak' }),
      });
      if (r.status === 200 && live.has(id)) live.get(id).title = title;
    } finally {
      busy.delete(id);
    }
  },
  async delete() {
    if (live.size < 15) return;
    const id = randomLive();
    if (!id) return;
    busy.add(id);
    const r = await timed('delete', `${base}/images/${id}`, { method: 'DELETE', headers: auth });
    if (r.status === 204) {
      live.delete(id);
      deleted.add(id);
    }
    busy.delete(id);
  },
  async 'signed-url'() {
    const id = randomLive();
    if (!id) return;
    const r = await timed('signed-url', `${base}/account/signed-urls`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ image: id, transform: { w: pick([200, 240]), f: 'webp' }, expiresInSeconds: 3600 }),
    });
    if (r.status === 200) {
      signedUrls.push(JSON.parse(r.body).url);
      if (signedUrls.length > 200) signedUrls.shift();
    }
  },
  async 'signed-get'() {
    if (signedUrls.length) await timed('signed-get', pick(signedUrls));
  },
};

function pickOp() {
  let roll = random() * 100;
  for (const [kind, weight] of MIX) {
    if ((roll -= weight) < 0) return kind;
  }
  return MIX[0][0];
}

function processFigures() {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return { rssMb: +(rssKb / 1024).toFixed(1), fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}

// Sum of a Prometheus metric's samples (all label sets), in MB; null when /metrics does not have it.
function metricMb(text, name) {
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)`, 'gm'))].map(m => Number(m[1]));
  return values.length ? +(values.reduce((a, b) => a + b, 0) / 1048576).toFixed(1) : null;
}

async function detailFigures(t) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = field => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  const sample = {
    t, rssMb: +(kb('VmRSS') / 1024).toFixed(1), anonMb: +(kb('RssAnon') / 1024).toFixed(1), fileMb: +(kb('RssFile') / 1024).toFixed(1),
    gcHeapMb: null, gcCommittedMb: null, uploads: inFlight.upload || 0, renders: inFlight['delivery-miss'] || 0,
  };
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    sample.gcHeapMb = metricMb(text, 'dotnet_gc_last_collection_heap_size_bytes');
    sample.gcCommittedMb = metricMb(text, 'dotnet_gc_last_collection_memory_committed_size_bytes');
  } catch {
    // /metrics off or busy: the /proc figures still tell most of it
  }
  return sample;
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
}

async function listAll() {
  const ids = new Set();
  let cursor = null;
  do {
    const response = await fetch(`${base}/images?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: auth });
    const page = await response.json();
    if (response.status !== 200) throw new Error(`list: ${response.status} ${JSON.stringify(page)}`);
    page.items.forEach(item => ids.add(item.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

function filesOnDisk() {
  const root = path.join(dataDir, 'blobs', 'objects');
  const files = [];
  const walk = dir => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full); else files.push(path.relative(root, full));
    }
  };
  walk(root);
  return files;
}

async function consistency() {
  const listed = await listAll();
  const problems = [];
  let intact = 0;
  for (const [id, expected] of live) {
    if (!listed.has(id)) problems.push(`${id}: not listed`);
    const meta = await fetch(`${base}/images/${id}`, { headers: auth });
    const body = await meta.json();
    if (meta.status !== 200 || body.title !== expected.title) problems.push(`${id}: metadata ${meta.status} title ${body.title} != ${expected.title}`);
    const original = await fetch(`${base}/images/${id}/original`, { headers: auth });
    const bytes = Buffer.from(await original.arrayBuffer());
    if (original.status !== 200 || sha256(bytes) !== expected.sha) problems.push(`${id}: original ${original.status}, sha256 differs`);
    else intact++;
  }
  for (const id of listed) if (!live.has(id)) problems.push(`${id}: listed but the soak never kept it`);
  const files = filesOnDisk();
  let deletedGone = 0;
  for (const id of deleted) {
    const meta = await fetch(`${base}/images/${id}`, { headers: auth });
    await meta.arrayBuffer();
    const left = files.filter(f => f.includes(id));
    if (meta.status !== 404) problems.push(`${id}: deleted but GET answers ${meta.status}`);
    if (left.length) problems.push(`${id}: deleted but ${left.length} files remain (${left.slice(0, 3).join(', ')})`);
    if (meta.status === 404 && !left.length) deletedGone++;
  }
  // Every object on disk belongs to an image the soak kept (nothing half-written left behind by a failed request).
  const idPattern = /[0-7][0-9A-HJKMNP-TV-Z]{25}/;
  const orphans = files.filter(f => { const m = idPattern.exec(f); return m && !live.has(m[0]); });
  if (orphans.length) problems.push(`${orphans.length} objects of no kept image, e.g. ${orphans.slice(0, 3).join(', ')}`);
  return { kept: live.size, listed: listed.size, intact, deleted: deleted.size, deletedGone, filesOnDisk: files.length, orphans: orphans.length, problems };
}

(async () => {
  const account = await (await fetch(`${base}/account`, { headers: auth })).json();
  publicKey = account.publicKey;
  const key = await fetch(`${base}/account/keys`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name":"soak"}' });
  if (key.status !== 201) throw new Error(`key: ${key.status} ${await key.text()}`);
  for (let i = 0; i < 20; i++) await upload(); // a first population (counted as uploads)

  const started = Date.now();
  const end = started + minutes * 60_000;
  const samples = [{ t: 0, ...processFigures() }];
  const sampler = setInterval(() => samples.push({ t: Math.round((Date.now() - started) / 1000), ...processFigures() }), 30_000);
  const detail = [];
  const detailSampler = detailSeconds > 0
    ? setInterval(async () => detail.push(await detailFigures(Math.round((Date.now() - started) / 1000))), detailSeconds * 1000)
    : null;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) await OPS[pickOp()]();
  }));
  clearInterval(sampler);
  if (detailSampler) clearInterval(detailSampler);
  samples.push({ t: Math.round((Date.now() - started) / 1000), ...processFigures() });
  const seconds = (Date.now() - started) / 1000;

  const kinds = {};
  let requests = 0, fiveXx = 0, unexpected = 0;
  for (const [kind, s] of Object.entries(stats)) {
    s.times.sort((a, b) => a - b);
    const k5 = Object.entries(s.statuses).filter(([code]) => Number(code) >= 500 || Number(code) === 0).reduce((a, [, n]) => a + n, 0);
    kinds[kind] = { n: s.n, statuses: s.statuses, p50: percentile(s.times, 50), p99: percentile(s.times, 99), max: s.times[s.times.length - 1], fiveXx: k5, unexpected: s.unexpected };
    requests += s.n;
    fiveXx += k5;
    unexpected += s.unexpected;
  }
  // Flatness: every sample after the first minute within ±10 % of the one at (or just after) 60 s.
  const after = samples.filter(s => s.t >= 60);
  const reference = after[0] || samples[samples.length - 1];
  const within = (value, ref) => Math.abs(value - ref) <= 0.1 * ref;
  const flat = {
    reference,
    rssWithin10: after.every(s => within(s.rssMb, reference.rssMb)),
    fdsWithin10: after.every(s => within(s.fds, reference.fds)),
    rssRange: after.length ? [Math.min(...after.map(s => s.rssMb)), Math.max(...after.map(s => s.rssMb))] : null,
    fdsRange: after.length ? [Math.min(...after.map(s => s.fds)), Math.max(...after.map(s => s.fds))] : null,
  };
  const check = await consistency();
  console.log(JSON.stringify({ minutes, concurrency, seconds, requests, perSecond: requests / seconds, fiveXx, unexpected, kinds, samples, detail, flat, check, errors }, null, 1));
})().catch(e => { console.error(e); process.exit(1); });
