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

async function twentyThumbnails(page) {
  const start = Date.now();
  await page.goto(base + "/app/images");
  await page.waitForFunction(() => {
    const images = [...document.querySelectorAll(".grid img")];
    return images.length >= 20 && images.every(i => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 60000, polling: 10 });
  return Date.now() - start;
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
  const imagesColdMs = await twentyThumbnails(page);
  const imagesWarmMs = await twentyThumbnails(page);
  // A repeat visit: a new tab of the same profile (HTTP cache kept), no session there.
  const again = await context.newPage();
  const repeat = await wireBytes(again, async () => {
    await again.goto(base + "/app/");
    await again.getByLabel("User name").waitFor();
  });
  console.log(JSON.stringify({
    browser: browser.version(),
    firstVisitBytes: first.bytes, firstVisitRequests: first.requests, firstVisitEncodings: first.encodings, largest: first.largest,
    imagesColdMs, imagesWarmMs,
    repeatVisitBytes: repeat.bytes, repeatVisitRequests: repeat.requests,
  }));
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
