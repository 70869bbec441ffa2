#!/usr/bin/env bash
# Delivery benchmark (issue 6, item 8). Figures, never a timed test:
#   1. builds functions/ImageService.Api in Release from a copy of the source tree in a temporary folder (the repo's
#      bin/obj stay untouched) and starts it on a free 127.0.0.1 port with a temporary data directory (embedded backend)
#      and a plan without practical limits ("bench"), so the rate limit never refuses the load;
#   2. uploads one photograph (../shared/scripts/fetch-photos.sh), creates a secret key and a signed URL
#      (POST /account/signed-urls, w=400&f=webp) and renders it once;
#   3. throughput of the already-derived result with autocannon (every request runs the full gate: public key lookup,
#      origin, signature over the path and sorted parameters, the rate limit, the usage read, the image lookup, the
#      derived-result read, and the usage recorded after the response);
#   4. same-run peer: GET /health under the same load (the pipeline with no delivery work), so the difference of the
#      per-request times is the delivery work; first (uncached) requests timed by curl against the engine alone doing the
#      same transform on the same photographs (the benchmark project's jpeg-720-webp row).
# Prints the figures and writes them to tests/ImageService.Benchmarks/RESULTS-delivery.md.
# Usage: tests/ImageService.Benchmarks/delivery-bench.sh [--reuse DIR]   (DIR: a previous run's folder, skips the build)
# Env: SECONDS_PER_RUN (10), CONNECTIONS (16), FIRST_ROUNDS (3), WARMUP_SECONDS (10; the delivery warm-up: the JIT's
# tiered compilation of the delivery path takes several seconds of load, far more on a loaded machine; runs before
# 2026-12-01 15:00 UTC warmed up 3 s).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tests/ImageService.Benchmarks"
# shellcheck source=bench-common.sh
source "$HERE/bench-common.sh"
RUN_SECONDS="${SECONDS_PER_RUN:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"

if [[ "${1:-}" == "--reuse" ]]; then OUT="$2"; else OUT="$(mktemp -d /tmp/delivery-bench.XXXXXX)"; fi
SRC="$OUT/src"
BIN="$OUT/bin"
DATA="$OUT/data"
echo "delivery-bench: working in $OUT" >&2

# --- 1. build and start -------------------------------------------------------------------------------------------
bench_build_api "$ROOT" "$SRC" "$BIN" "$OUT/build.log"

PHOTOS="$("$ROOT/../shared/scripts/fetch-photos.sh" "$ROOT/.photos")"
PHOTO="$(find "$PHOTOS" -type f \( -name '*.jpg' -o -name '*.jpeg' \) | sort | head -1)"
PORT="$(bench_free_port)"
BASE="http://127.0.0.1:$PORT"
rm -rf "$DATA" && mkdir -p "$DATA"
bench_server_env "$DATA" unlimited
TOKEN="$(cd "$BIN" && dotnet bootstrap.dll token --user bench --environment Development)"

(cd "$BIN" && ASPNETCORE_ENVIRONMENT=Production exec dotnet bootstrap.dll --urls "$BASE" >"$OUT/server.log" 2>&1) &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$BASE/health" >/dev/null || { cat "$OUT/server.log" >&2; exit 1; }

# --- 2. image, key, signed URL ------------------------------------------------------------------------------------
AUTH="Authorization: Bearer $TOKEN"
json() { node -e 'const o=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(process.argv[1].split(".").reduce((a,k)=>a[k],o))' "$1"; }
ID="$(curl -sf -H "$AUTH" -F "file=@$PHOTO" "$BASE/images" | json id)"
curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"bench"}' "$BASE/account/keys" >/dev/null
URL="$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "{\"image\":\"$ID\",\"transform\":{\"w\":400,\"f\":\"webp\"}}" \
  "$BASE/account/signed-urls" | json url)"
curl -sf -o "$OUT/derived.webp" "$URL"
BODY_BYTES="$(wc -c <"$OUT/derived.webp")"

# --- 3. cached delivery, 4. /health peer ----------------------------------------------------------------------------
AC="$ROOT/node_modules/.bin/autocannon"
"$AC" -c "$CONNECTIONS" -d "$WARMUP_SECONDS" "$URL" >/dev/null 2>&1  # warm-up (JIT tiering, pools, SQLite pages)
"$AC" -j -c "$CONNECTIONS" -d "$RUN_SECONDS" "$URL" >"$OUT/delivery.json" 2>/dev/null
"$AC" -c "$CONNECTIONS" -d 3 "$BASE/health" >/dev/null 2>&1
"$AC" -j -c "$CONNECTIONS" -d "$RUN_SECONDS" "$BASE/health" >"$OUT/health.json" 2>/dev/null

# First requests: each Medium photograph of the engine benchmark's jpeg-720-webp row is uploaded and its w=720&f=webp&q=80
# URL requested twice (render + store, then a derived-cache hit), one request at a time; then the engine alone does the
# same transform on the same photos in-process (benchmark project, "engine --rows jpeg-720-webp", concurrency 1).
: >"$OUT/first.txt"
# FIRST_ROUNDS (3) rounds: each photograph is uploaded again as a new image per round, so every request is a real first one.
for ROUND in $(seq 1 "${FIRST_ROUNDS:-3}"); do for NAME in Autumn BytheWater ColdRipple ColorfulCups EveningGlow FallenLeaf Kite OneStandsOut Path summer_1am; do
  FILE="$PHOTOS/$NAME-2560x1600.jpg"
  [[ -f "$FILE" ]] || continue
  PID_="$(curl -sf -H "$AUTH" -F "file=@$FILE" "$BASE/images" | json id)"
  SIGNED="$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d "{\"image\":\"$PID_\",\"transform\":{\"w\":720,\"f\":\"webp\",\"q\":80}}" \
    "$BASE/account/signed-urls" | json url)"
  FIRST="$(curl -sf -o /dev/null -w '%{time_total}' "$SIGNED")"
  AGAIN="$(curl -sf -o /dev/null -w '%{time_total}' "$SIGNED")"
  echo "$NAME $FIRST $AGAIN" >>"$OUT/first.txt"
done; done
USAGE="$(curl -sf -H "$AUTH" "$BASE/usage/current")"
kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true

BENCH_PROJECT="$HERE/ImageService.Benchmarks.csproj"
dotnet build "$BENCH_PROJECT" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
BENCH_DLL="$(dotnet msbuild "$BENCH_PROJECT" -getProperty:TargetPath -p:Configuration=Release)"
dotnet "$BENCH_DLL" engine --photos "$PHOTOS" --rows jpeg-720-webp --concurrency 1 --rounds 3 --seconds 2 >"$OUT/engine.txt"

LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULT="$(node - "$OUT" "$CONNECTIONS" "$RUN_SECONDS" "$BODY_BYTES" "$USAGE" <<'JS'
const fs = require('fs');
const [out, conns, secs, bytes, usage] = process.argv.slice(2);
const d = JSON.parse(fs.readFileSync(`${out}/delivery.json`, 'utf8'));
const h = JSON.parse(fs.readFileSync(`${out}/health.json`, 'utf8'));
const first = fs.readFileSync(`${out}/first.txt`, 'utf8').trim().split('\n').map(l => l.split(' ').slice(1).map(Number)).map(r => [0, ...r]);
const engineRow = fs.readFileSync(`${out}/engine.txt`, 'utf8').split('\n').find(l => l.includes('720w WebP q80'));
const engineMs = 1000 / Number(engineRow.split('|')[3].trim());
const median = a => { const s = [...a].sort((x, y) => x - y); return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2; };
const mean = a => a.reduce((x, y) => x + y, 0) / a.length;
const us = rps => 1e6 / rps;
// The engine row cycles through the same photographs one at a time, so its time per operation is their mean: the
// first requests are compared mean to mean (the median is printed too).
const firstMs = mean(first.map(r => r[1])) * 1000, againMs = mean(first.map(r => r[2])) * 1000;
const firstMedianMs = median(first.map(r => r[1])) * 1000;
const lines = [
  '| measure | value |', '|---|---:|',
  `| cached delivery, req/s (${conns} connections, ${secs} s, ${bytes}-byte WebP) | ${d.requests.average.toFixed(0)} |`,
  `| cached delivery latency p50 / p99 (ms) | ${d.latency.p50} / ${d.latency.p99} |`,
  `| non-2xx responses during the run | ${d.non2xx} |`,
  `| peer: GET /health, req/s (same settings) | ${h.requests.average.toFixed(0)} |`,
  `| delivery work per request: 1/rps(delivery) - 1/rps(health), machine-time µs | ${(us(d.requests.average) - us(h.requests.average)).toFixed(0)} |`,
  `| first (uncached) request, w=720&f=webp&q=80, mean over ${first.length} requests (10 2560x1600 photos, each a new image per round; ms, curl time_total) | ${firstMs.toFixed(1)} |`,
  `| the same, median | ${firstMedianMs.toFixed(1)} |`,
  `| the same URLs again (derived-cache hit, mean ms) | ${againMs.toFixed(1)} |`,
  `| first request minus cache hit: render + store (ms) | ${(firstMs - againMs).toFixed(1)} |`,
  `| engine alone, same transform and photos, concurrency 1 (ms/op, mean) | ${engineMs.toFixed(1)} |`,
  `| first request / engine alone (mean / mean) | ${(firstMs / engineMs).toFixed(2)}x |`,
  `| usage after the run | ${usage.replace(/\|/g, '/')} |`,
];
console.log(lines.join('\n'));
JS
)"
echo "$RESULT"
{
  echo "# Delivery benchmark (embedded backend)"
  echo
  echo "Produced by \`tests/ImageService.Benchmarks/delivery-bench.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; load average at the end of the run: $LOAD)."
  echo "Absolute figures drift with the machine's load (other builds and tests share these cores)."
  echo
  echo "$RESULT"
  echo
  echo "Method: the API is built in Release and served by Kestrel on 127.0.0.1 with a fresh data directory (SQLite +"
  echo "filesystem). One JPEG photograph (fetch-photos.sh) is uploaded; the delivery URL is signed by POST /account/signed-urls"
  echo "(w=400&f=webp) and rendered once. autocannon (keep-alive, $CONNECTIONS connections, ${RUN_SECONDS} s after a ${WARMUP_SECONDS} s warm-up)"
  echo "then requests it: each request does the account lookup by public key (2 s in-memory cache), the origin check, HMAC"
  echo "verification with the account's active keys, the rate limit (a permit from this instance's block, reserved from the"
  echo "SQLite window with one conditional write per block), the month's usage (memory plus unwritten requests, re-read from"
  echo "SQLite each second), the image lookup (SQLite), the derived result read from disk, and its usage queued after the"
  echo "response (summed and written every 50 ms). The /health peer runs the same pipeline with"
  echo "none of that; with autocannon and the server sharing the cores, 1/rps is machine time per request, so the"
  echo "difference is the per-request cost of the delivery checks and lookups together (an upper bound for the"
  echo "auth/signature/origin/rate checks alone). First requests: the 10 photographs of the engine benchmark's jpeg-720-webp"
  echo "row, each uploaded as a new image in each of ${FIRST_ROUNDS:-3} rounds and requested once at w=720&f=webp&q=80 (render + store) and once more (cache hit), timed by curl"
  echo "from request to last byte; the engine alone is the benchmark project's \`engine --rows jpeg-720-webp --concurrency 1\`"
  echo "(best of 3 rounds of 2 s, mean time per operation) on the same photographs, right after the server stops."
  # Hand-written sections below the marker (history, per-check figures) survive a re-run.
  MARKER='<!-- kept by delivery-bench.sh: everything below this line -->'
  echo
  echo "$MARKER"
  if grep -qF "$MARKER" "$HERE/RESULTS-delivery.md" 2>/dev/null; then sed -n "/$MARKER/,\$p" "$HERE/RESULTS-delivery.md" | tail -n +2; fi
} >"$OUT/RESULTS-delivery.md"
cp "$OUT/RESULTS-delivery.md" "$HERE/RESULTS-delivery.md"
echo "delivery-bench: wrote $HERE/RESULTS-delivery.md" >&2
