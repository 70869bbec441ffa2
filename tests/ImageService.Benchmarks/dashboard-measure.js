// Measures the dashboard in headless Chromium (see dashboard-bench.sh). Prints one JSON object.
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const base = process.env.BASE;

// Sums Chromium's on-the-wire bytes (encodedDataLength) of every request the page makes while fn runs.
async function wireBytes(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const urls = new Map(), encodings = new Set(), sizes = new Map();
  let bytes = 0, requests = 0;
  cdp.on("Network.responseReceived", e => {
    urls.set(e.requestId, e.response.url);
    const encoding = (e.response.headers["content-encoding"] || e.response.headers["Content-Encoding"] || "");
    if (encoding) encodings.add(encoding);
  });
  cdp.on("Network.loadingFinished", e => {
    bytes += e.encodedDataLength; requests++;
    sizes.set(urls.get(e.requestId) || e.requestId, e.encodedDataLength);
  });
  await fn();
  await new Promise(r => setTimeout(r, 500)); // late loadingFinished events
  await cdp.detach();
  const largest = [...sizes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4)
    .map(([url, size]) => ({ name: url.split("/").pop().split("?")[0], bytes: size }));
  return { bytes, requests, encodings: [...encodings].join("+") || "identity", largest };
}

// Navigation to /app/images until 20 grid thumbnails are decoded; then where the time went, from the page's own
// performance timeline (milliseconds since that navigation started).
async function twentyThumbnails(page) {
  const start = Date.now();
  await page.goto(base + "/app/images");
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll(".grid img")];
    return images.length >= 20 && images.every(i => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 60000, polling: 10 });
  const ms = Date.now() - start;
  const parts = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const list = resources.find(r => /\/images\?limit=20/.test(r.name));
    const grid = new Set([...document.querySelectorAll(".grid img")].map(i => i.currentSrc));
    const thumbs = resources.filter(r => grid.has(r.name));
    const round = v => v === undefined ? null : Math.round(v);
    return {
      domContentLoaded: round(nav.domContentLoadedEventEnd),
      listStart: round(list?.startTime), listEnd: round(list?.responseEnd),
      thumbsStart: round(Math.min(...thumbs.map(t => t.startTime))), thumbsEnd: round(Math.max(...thumbs.map(t => t.responseEnd))),
      thumbs: thumbs.length, thumbBytes: thumbs.reduce((a, t) => a + t.encodedBodySize, 0),
      protocol: thumbs[0]?.nextHopProtocol ?? null, grid: [...grid][0] ?? null,
    };
  });
  return { ms, parts };
}

// 20 more photographs through the API after the dashboard made its grid variant (eager): their thumbnails are rendered
// by the upload's job, as for any customer whose grid has been opened once. Waits until no job is queued or running.
async function uploadAndWaitForRenditions(files) {
  const token = (await (await fetch(base + "/auth/dev-token", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userName: "bench" }) })).json()).accessToken;
  const auth = { Authorization: "Bearer " + token };
  for (const [i, file] of files.entries()) {
    const form = new FormData();
    form.append("title", require("path").basename(file, ".jpg") + "-ready-" + i);
    form.append("file", new Blob([require("fs").readFileSync(file)], { type: "image/jpeg" }), require("path").basename(file));
    const answer = await fetch(base + "/images", { method: "POST", headers: auth, body: form });
    if (!answer.ok) throw new Error("upload " + file + ": " + answer.status + " " + await answer.text());
  }
  const started = Date.now();
  for (;;) {
    const jobs = (await (await fetch(base + "/jobs?limit=100", { headers: auth })).json()).items;
    if (!jobs.some(j => j.status === "queued" || j.status === "running")) return { jobs: jobs.length, waitMs: Date.now() - started };
    if (Date.now() - started > 180000) throw new Error("eager renditions still running after 3 minutes");
    await new Promise(r => setTimeout(r, 250));
  }
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors-spki-list=" + process.env.SPKI] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const first = await wireBytes(page, async () => {
    await page.goto(base + "/app/");
    await page.getByLabel("User name").waitFor();
  });
  await page.getByLabel("User name").fill("bench");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Overview" }).waitFor();
  // The first visit to the grid: the dashboard finds no grid variant, creates it (eager) and starts a job for the 20
  // earlier photographs; meanwhile the grid's requests render on demand.
  const cold = await twentyThumbnails(page);
  const renditions = await uploadAndWaitForRenditions(process.env.PHOTO_FILES.split("\n").filter(Boolean));
  // What a customer sees: the grid (now the 20 newest, rendered at upload) with the app booting from the HTTP cache.
  const ready = [];
  for (let i = 0; i < 3; i++) ready.push(await twentyThumbnails(page));
  const readyMs = ready.map(r => r.ms);
  const median = [...readyMs].sort((a, b) => a - b)[1];
  // A repeat visit: a new tab of the same profile (HTTP cache kept), no session there.
  const again = await context.newPage();
  const repeat = await wireBytes(again, async () => {
    await again.goto(base + "/app/");
    await again.getByLabel("User name").waitFor();
  });
  console.log(JSON.stringify({
    browser: browser.version(),
    firstVisitBytes: first.bytes, firstVisitRequests: first.requests, firstVisitEncodings: first.encodings, largest: first.largest,
    imagesColdMs: cold.ms, coldParts: cold.parts, readyMs, readyMedianMs: median, readyParts: ready.find(r => r.ms === median).parts, renditions,
    repeatVisitBytes: repeat.bytes, repeatVisitRequests: repeat.requests,
  }));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
