// The sharp side of the vs-sharp benchmark. Started by the C# driver (SharpWorker.cs), never on its own.
//
//   node sharp-worker.mjs serve        one JSON request per stdin line, one JSON answer per stdout line
//   node sharp-worker.mjs rss ROWJSON  runs one row in this fresh process, prints {"peakRssKb": ...}
//
// Settings come from the environment so both sides are configured from one place (the driver):
//   BENCH_VIPS_THREADS  libvips threads per operation (sharp.concurrency); the engine gets the same number
//   BENCH_VIPS_CACHE    "0" disables libvips' operation cache (sharp.cache(false)), as on our side
//   UV_THREADPOOL_SIZE  must be >= the benchmark concurrency, or libuv queues sharp's work (set by the driver)
//
// A row (built by the driver from the same definition as our TransformSpec):
//   { files: [...], width, height, fit, format: "jpeg"|"webp", quality, flatten: "#rrggbb"|null }
// Input files are read into memory once, before any timing, exactly as on our side.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import sharp from 'sharp';

sharp.concurrency(Number.parseInt(process.env.BENCH_VIPS_THREADS ?? '1', 10));
if (process.env.BENCH_VIPS_CACHE === '0') {
  sharp.cache(false);
}

// sharp's documented defaults are kept (sequentialRead: true, failOn: 'warning', limitInputPixels, fastShrinkOnLoad,
// lanczos3, jpeg: optimiseCoding true, 4:2:0, not progressive, no trellis; webp: effort 4, no smartSubsample).
// Only what the service always does is switched on: EXIF orientation (autoOrient), and the options the row asks for.
function transform(input, row) {
  let pipeline = sharp(input, { autoOrient: true });
  if (row.flatten) {
    pipeline = pipeline.flatten({ background: row.flatten });
  }
  pipeline = pipeline.resize({ width: row.width ?? undefined, height: row.height ?? undefined, fit: row.fit });
  pipeline = row.format === 'jpeg'
    ? pipeline.jpeg({ quality: row.quality })
    : pipeline.webp({ quality: row.quality, effort: 4 });
  return pipeline.toBuffer({ resolveWithObject: true });
}

const inputCache = new Map();
function inputsOf(row) {
  const key = row.files.join('\n');
  if (!inputCache.has(key)) {
    inputCache.set(key, row.files.map((file) => readFileSync(file)));
  }
  return inputCache.get(key);
}

// Process CPU time is measured alongside wall time (see Measurement.cs).
// `concurrency` loops keep one operation each in flight until `seconds` have passed and each loop has done at least
// `minOps`; the elapsed time runs until the last operation finishes, so ops/s counts only completed work.
async function run(row, concurrency, seconds, minOps) {
  const inputs = inputsOf(row);
  let next = 0;
  let ops = 0;
  let outputBytes = 0;
  let width = 0;
  let height = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  async function loop() {
    for (let mine = 0; mine < minOps || performance.now() < deadline; mine++) {
      const input = inputs[next++ % inputs.length];
      const { data, info } = await transform(input, row);
      ops++;
      outputBytes += data.length;
      width = info.width;
      height = info.height;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { ops, seconds: elapsed, cpuSeconds: (cpu.user + cpu.system) / 1e6, outputBytes, width, height };
}

function peakRssKb() {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number.parseInt(match[1], 10) : -1;
}

async function serve() {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  process.stdout.write(`${JSON.stringify({ ready: true, sharp: sharp.versions.sharp, vips: sharp.versions.vips, threads: sharp.concurrency() })}\n`);
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    try {
      const result = await run(request.row, request.concurrency, request.seconds, request.minOps);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ error: String(error?.message ?? error) })}\n`);
    }
  }
}

async function rss(rowJson, opsPerConcurrency, concurrencies) {
  const row = JSON.parse(rowJson);
  for (const concurrency of concurrencies) {
    await run(row, concurrency, 0, opsPerConcurrency);
  }
  process.stdout.write(`${JSON.stringify({ peakRssKb: peakRssKb() })}\n`);
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'serve') {
  await serve();
} else if (mode === 'rss') {
  await rss(rest[0], Number.parseInt(rest[1] ?? '3', 10), (rest[2] ?? '1,2').split(',').map(Number));
} else {
  process.stderr.write('usage: node sharp-worker.mjs serve | rss ROWJSON [OPS] [CONCURRENCIES]\n');
  process.exit(2);
}
