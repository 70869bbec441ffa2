// Driver for jobs-bench.sh (issue 14, item 8). Usage:
//   node jobs-driver.js setup BASE TOKEN PHOTO_DIR ROUNDS      defines the 3 eager variants, uploads every 2560x1600
//                                                              photo ROUNDS times (one at a time); prints the image ids
//   node jobs-driver.js eager BASE TOKEN COUNT                 waits for COUNT eager render-variants jobs to finish;
//                                                              prints their figures (JSON)
//   node jobs-driver.js overhead BASE TOKEN IMAGE_ID JOBS      POSTs JOBS one-item jobs (variant "hero" of an image that
//                                                              has it already) one at a time; prints enqueue-to-start figures
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [command, base, token, ...rest] = process.argv.slice(2);
const auth = { authorization: `Bearer ${token}` };

// The three transforms of the engine benchmark's rows jpeg-720-webp, jpeg-400-cover and jpeg-720-jpeg.
const VARIANTS = {
  hero: { w: 720, f: 'webp', q: 80 },
  card: { w: 400, h: 400, fit: 'cover', f: 'webp' },
  wide: { w: 720, f: 'jpeg', q: 80 },
};

async function call(method, url, body) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function allJobs() {
  const jobs = [];
  let cursor = null;
  do {
    const page = await call('GET', `/jobs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    jobs.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return jobs;
}

async function waitFinished(filter, count) {
  const deadline = Date.now() + 15 * 60 * 1000;
  while (true) {
    const jobs = (await allJobs()).filter(filter);
    if (jobs.length >= count && jobs.every(j => j.finishedAt)) return jobs;
    if (Date.now() > deadline) throw new Error(`jobs never finished: ${jobs.filter(j => !j.finishedAt).length} open`);
    // Seldom: each poll lists every job, which is server CPU the renders would otherwise get (the figures come from
    // the jobs' own timestamps, not from when a poll saw them).
    await new Promise(r => setTimeout(r, 1000));
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = iso => Date.parse(iso);

async function setup(dir, rounds) {
  for (const [name, transform] of Object.entries(VARIANTS)) {
    await call('PUT', `/account/variants/${name}`, { transform, eager: true });
  }
  const photos = fs.readdirSync(dir).filter(f => /-2560x1600\.jpg$/.test(f)).sort();
  const ids = [];
  for (let round = 0; round < rounds; round++) {
    for (const name of photos) {
      const form = new FormData();
      form.append('file', new Blob([fs.readFileSync(path.join(dir, name))], { type: 'image/jpeg' }), name);
      const response = await fetch(`${base}/images`, { method: 'POST', body: form, headers: auth });
      const body = await response.json();
      if (response.status !== 201) throw new Error(`upload ${name}: ${response.status} ${JSON.stringify(body)}`);
      ids.push(body.id);
    }
  }
  console.log(ids.join('\n'));
}

async function eager(count) {
  const jobs = await waitFinished(j => j.eager, count);
  const bad = jobs.filter(j => j.status !== 'succeeded');
  if (bad.length) throw new Error(`${bad.length} eager jobs did not succeed: ${JSON.stringify(bad[0])}`);
  const start = Math.min(...jobs.map(j => ms(j.startedAt)));
  const end = Math.max(...jobs.map(j => ms(j.finishedAt)));
  const renditions = jobs.reduce((n, j) => n + j.done, 0);
  console.log(JSON.stringify({ jobs: jobs.length, renditions, seconds: (end - start) / 1000, perSecond: renditions / ((end - start) / 1000) }));
}

async function overhead(imageId, count) {
  const ids = [];
  for (let i = 0; i < count; i++) {
    ids.push((await call('POST', '/jobs', { kind: 'render-variants', variants: ['hero'], imageIds: [imageId] })).id);
  }
  const wanted = new Set(ids);
  const jobs = await waitFinished(j => wanted.has(j.id), count);
  const bad = jobs.filter(j => j.status !== 'succeeded');
  if (bad.length) throw new Error(`${bad.length} overhead jobs did not succeed: ${JSON.stringify(bad[0])}`);
  const toStart = jobs.map(j => ms(j.startedAt) - ms(j.createdAt)).sort((a, b) => a - b);
  const toFinish = jobs.map(j => ms(j.finishedAt) - ms(j.createdAt)).sort((a, b) => a - b);
  console.log(JSON.stringify({
    items: jobs.length,
    startP50: percentile(toStart, 50), startP99: percentile(toStart, 99), startMax: toStart[toStart.length - 1],
    finishP50: percentile(toFinish, 50), finishP99: percentile(toFinish, 99),
  }));
}

const main = {
  setup: () => setup(rest[0], Number(rest[1] || 3)),
  eager: () => eager(Number(rest[0])),
  overhead: () => overhead(rest[0], Number(rest[1] || 200)),
}[command];
if (!main) throw new Error(`unknown command ${command}`);
main().catch(e => { console.error(e); process.exit(1); });
