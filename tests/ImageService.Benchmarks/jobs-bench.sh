#!/usr/bin/env bash
# Jobs benchmark (issue 14, item 8). Figures, never a timed test:
#   1. builds functions/ImageService.Api in Release from a copy of the source tree in a temporary folder (the repo's
#      bin/obj stay untouched) and starts it on a free 127.0.0.1 port with a temporary data directory (embedded
#      backend: SQLite queue and hosted worker) and a plan without practical limits ("bench");
#   2. eager-variant throughput: three eager variants (the engine rows' transforms: 720w WebP q80, 400x400 cover WebP,
#      720w JPEG q80) are defined and the 2560x1600 photographs (../shared/scripts/fetch-photos.sh) uploaded ROUNDS times
#      with the worker off (Jobs:WorkerEnabled=false), so the uploads' own image work does not share the cores with
#      the renders; the server is then restarted with its worker on (the durable queue resumes) and the renditions per
#      second are counted from the first eager job's startedAt to the last one's finishedAt;
#   3. queue overhead per item: JOBS one-item render-variants jobs whose variant is already rendered (the item's work is
#      a derived-store existence check) are POSTed one at a time; enqueue to start is each job's startedAt - createdAt
#      (p50/p99, millisecond timestamps of the job store);
#   4. same-run peer: the engine alone on the same three transforms and photographs (benchmark project, engine
#      command, the worker's configuration: concurrency = Jobs:WorkerConcurrency, libvips threads = cores), right
#      after the server stops; its renditions per second for the three variants together is 3 / (sum of 1/ops_s).
# Prints the figures and writes them to tests/ImageService.Benchmarks/RESULTS-jobs.md.
# Usage: tests/ImageService.Benchmarks/jobs-bench.sh [--reuse DIR]   (DIR: a previous run's folder, skips the build)
# Env: ROUNDS (3: uploads of each photo), JOBS (200), WORKER_CONCURRENCY (the service default, 2), ENGINE_SECONDS (6).
# Also printed, to tell the engine's work from the rest: the worker's engine time per rendition (render-duration
# histogram from /metrics) and the server's CPU time per rendition (/proc) against the engine's CPU ms per op.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tests/ImageService.Benchmarks"
# shellcheck source=bench-common.sh
source "$HERE/bench-common.sh"
ROUNDS="${ROUNDS:-3}"
JOBS="${JOBS:-200}"
WORKERS="${WORKER_CONCURRENCY:-2}"

if [[ "${1:-}" == "--reuse" ]]; then OUT="$2"; else OUT="$(mktemp -d /tmp/jobs-bench.XXXXXX)"; fi
SRC="$OUT/src"
BIN="$OUT/bin"
DATA="$OUT/data"
echo "jobs-bench: working in $OUT" >&2

# --- 1. build ----------------------------------------------------------------------------------------------------
bench_build_api "$ROOT" "$SRC" "$BIN" "$OUT/build.log"

PHOTOS="$("$ROOT/../shared/scripts/fetch-photos.sh" "$ROOT/.photos")"
PORT="$(bench_free_port)"
BASE="http://127.0.0.1:$PORT"
rm -rf "$DATA" && mkdir -p "$DATA"
bench_server_env "$DATA" unlimited
export Jobs__WorkerConcurrency="$WORKERS" Observability__PrometheusEndpoint=true
TOKEN="$(cd "$BIN" && dotnet bootstrap.dll token --user bench --environment Development)"
DRIVER="$HERE/jobs-driver.js"

SERVER=""
start_server() { # $1: true|false (the embedded worker), $2: log name
  (cd "$BIN" && Jobs__WorkerEnabled="$1" ASPNETCORE_ENVIRONMENT=Production exec dotnet bootstrap.dll --urls "$BASE" >"$OUT/$2.log" 2>&1) &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done
  curl -sf "$BASE/health" >/dev/null || { cat "$OUT/$2.log" >&2; exit 1; }
}
stop_server() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }
trap 'kill "$SERVER" 2>/dev/null || true' EXIT

# --- 2. eager variants: upload with the worker off, then render with it on ----------------------------------------
start_server false uploads
node "$DRIVER" setup "$BASE" "$TOKEN" "$PHOTOS" "$ROUNDS" >"$OUT/images.txt"
COUNT="$(wc -l <"$OUT/images.txt")"
stop_server
start_server true worker
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$SERVER/stat"; }
CPU_BEFORE="$(cpu_seconds)"
node "$DRIVER" eager "$BASE" "$TOKEN" "$COUNT" >"$OUT/eager.json"
# The worker's own engine time per render (the render-duration histogram), to tell engine work from the rest.
curl -sf "$BASE/metrics" >"$OUT/metrics-eager.txt"
CPU_AFTER="$(cpu_seconds)"

# --- 3. queue overhead --------------------------------------------------------------------------------------------
node "$DRIVER" overhead "$BASE" "$TOKEN" "$(head -1 "$OUT/images.txt")" "$JOBS" >"$OUT/overhead.json"
stop_server

# --- 4. the engine alone ------------------------------------------------------------------------------------------
BENCH_PROJECT="$HERE/ImageService.Benchmarks.csproj"
dotnet build "$BENCH_PROJECT" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
BENCH_DLL="$(dotnet msbuild "$BENCH_PROJECT" -getProperty:TargetPath -p:Configuration=Release)"
dotnet "$BENCH_DLL" engine --photos "$PHOTOS" --rows jpeg-720-webp,jpeg-400-cover,jpeg-720-jpeg \
  --concurrency "$WORKERS" --vips-threads "$(nproc)" --rounds 1 --seconds "${ENGINE_SECONDS:-6}" >"$OUT/engine.txt"

LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULT="$(node - "$OUT" "$WORKERS" "$ROUNDS" "$CPU_BEFORE" "$CPU_AFTER" <<'JS'
const fs = require('fs');
const [out, workers, rounds, cpuBefore, cpuAfter] = process.argv.slice(2);
const eager = JSON.parse(fs.readFileSync(`${out}/eager.json`, 'utf8'));
const overhead = JSON.parse(fs.readFileSync(`${out}/overhead.json`, 'utf8'));
const rows = fs.readFileSync(`${out}/engine.txt`, 'utf8').split('\n').filter(l => /^\| 2560x1600/.test(l))
  .map(l => l.split('|').map(c => c.trim())).map(c => ({ title: c[1], ops: Number(c[3]), cpu: Number(c[4]) }));
if (rows.length !== 3) throw new Error(`expected 3 engine rows, got ${rows.length}`);
const engine = 3 / rows.reduce((s, r) => s + 1 / r.ops, 0);
const metrics = fs.readFileSync(`${out}/metrics-eager.txt`, 'utf8').split('\n');
const total = suffix => metrics.filter(l => l.startsWith(`imageservice_render_duration_seconds_${suffix}{`) || l.startsWith(`imageservice_render_duration_seconds_${suffix} `))
  .reduce((s, l) => s + Number(l.trim().split(/\s+/)[1]), 0);
const workerRenderMs = 1000 * total('sum') / total('count');
const engineCpuMs = rows.reduce((s, r) => s + Number(r.cpu), 0) / rows.length;
const lines = [
  '| measure | value |', '|---|---:|',
  `| eager renditions: ${eager.jobs} uploads (10 photos x ${rounds}) x 3 variants, worker concurrency ${workers} | ${eager.renditions} in ${eager.seconds.toFixed(2)} s |`,
  `| eager-variant throughput through the API (renditions/s) | ${eager.perSecond.toFixed(2)} |`,
  ...rows.map(r => `| engine alone: ${r.title}, concurrency ${workers} (ops/s) | ${r.ops.toFixed(1)} |`),
  `| engine alone, the 3 transforms together (renditions/s = 3 / sum of 1/ops) | ${engine.toFixed(2)} |`,
  `| **ratio API / engine (target >= 0.9)** | **${(eager.perSecond / engine).toFixed(2)}x** |`,
  `| worker: engine time per rendition (render-duration histogram, ${total('count')} renders; wall ms) | ${workerRenderMs.toFixed(1)} |`,
  `| engine alone: wall ms per op at concurrency ${workers} (${workers} / ops/s, mean of the rows) | ${(1000 * rows.reduce((s, r) => s + Number(workers) / r.ops, 0) / rows.length).toFixed(1)} |`,
  `| CPU ms per rendition: server process during the eager phase (/proc utime+stime) / engine alone (mean of the rows) | ${(1000 * (cpuAfter - cpuBefore) / eager.renditions).toFixed(1)} / ${engineCpuMs.toFixed(1)} |`,
  `| queue overhead, enqueue to start (${overhead.items} one-item jobs): p50 / p99 / max (ms) | ${overhead.startP50} / ${overhead.startP99} / ${overhead.startMax} |`,
  `| the same items, enqueue to finish (existence check included): p50 / p99 (ms) | ${overhead.finishP50} / ${overhead.finishP99} |`,
];
console.log(lines.join('\n'));
JS
)"
echo "$RESULT"
{
  echo "# Jobs benchmark (embedded backend)"
  echo
  echo "Produced by \`tests/ImageService.Benchmarks/jobs-bench.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; load average at the end of the run: $LOAD)."
  echo "Absolute figures drift with the machine's load (other builds and tests share these cores); the ratio is to the engine in the same run."
  echo
  echo "$RESULT"
  echo
  echo "Method: the API is built in Release and served by Kestrel on 127.0.0.1 with a fresh data directory (SQLite +"
  echo "filesystem, the SQLite queue and the hosted worker). Three eager variants are defined (PUT /account/variants/{name}:"
  echo "hero = w=720&f=webp&q=80, card = 400x400 cover WebP, wide = w=720&f=jpeg&q=80, the transforms of the engine rows"
  echo "jpeg-720-webp, jpeg-400-cover and jpeg-720-jpeg) and the ten 2560x1600 photographs are uploaded $ROUNDS times, one at a"
  echo "time, with \`Jobs:WorkerEnabled=false\`: each upload stores a render-variants job and its three queue messages. The"
  echo "server is restarted with the worker on ($WORKERS loops, libvips threads = cores); the throughput is the renditions"
  echo "done divided by the time from the first eager job's startedAt to the last one's finishedAt (the job store's"
  echo "timestamps; each item reads the variant, the account, the image record and the original, renders through the same"
  echo "DerivedResults as delivery, stores the result and counts usage and the item). The engine alone runs the three"
  echo "rows in-process on the same photographs at the same concurrency and libvips threads (one sustained round of ${ENGINE_SECONDS:-6} s per row, like the API's one sustained run); the"
  echo "three variants of one image take sum(1/ops) seconds, so its renditions per second is 3 / sum(1/ops)."
  echo "Queue overhead: $JOBS jobs of one item (the variant hero of an image that has it already, so the item's work is one"
  echo "existence check) are POSTed one after another; startedAt - createdAt is the job's planning reads, its store write,"
  echo "the enqueue, the worker's wake-up and receive, the dispatcher's reads and the running mark."
  MARKER='<!-- kept by jobs-bench.sh: everything below this line -->'
  echo
  echo "$MARKER"
  if grep -qF "$MARKER" "$HERE/RESULTS-jobs.md" 2>/dev/null; then sed -n "/$MARKER/,\$p" "$HERE/RESULTS-jobs.md" | tail -n +2; fi
} >"$OUT/RESULTS-jobs.md"
cp "$OUT/RESULTS-jobs.md" "$HERE/RESULTS-jobs.md"
echo "jobs-bench: wrote $HERE/RESULTS-jobs.md" >&2
