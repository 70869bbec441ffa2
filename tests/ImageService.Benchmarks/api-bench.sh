#!/usr/bin/env bash
# Management API benchmark (issue 3, item 7). Figures, never a timed test:
#   1. builds functions/ImageService.Api in Release from a copy of the source tree in a temporary folder (the repo's
#      bin/obj stay untouched) and starts it on a free 127.0.0.1 port with a temporary data directory (embedded backend);
#   2. upload end to end (HTTP multipart, sniffing, libvips display + thumbnail, storage, metadata): 2560x1600 JPEG
#      photographs from ../shared/scripts/fetch-photos.sh, p50/p95 at concurrency 1 and 2 (api-upload.js);
#   3. GET /images/{id} throughput and latency with autocannon (keep-alive, 10 connections, after a warm-up);
#   4. same-run peers (api-peers.js), because these machines are shared and absolute times drift: sharp making the
#      same two renditions in-process (the image work inside an upload), and a bare Node server under the same
#      autocannon load (the ceiling of the load tool on this machine). The report gives ratios to them.
# Prints the figures and writes them to tests/ImageService.Benchmarks/RESULTS-api.md.
# Usage: tests/ImageService.Benchmarks/api-bench.sh [--reuse DIR]   (DIR: a previous run's folder, skips the build)
# Env: UPLOADS (40 per concurrency level), GET_SECONDS (10), GET_CONNECTIONS (10).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tests/ImageService.Benchmarks"
# shellcheck source=bench-common.sh
source "$HERE/bench-common.sh"
UPLOADS="${UPLOADS:-40}"
GET_SECONDS="${GET_SECONDS:-10}"
GET_CONNECTIONS="${GET_CONNECTIONS:-10}"

if [[ "${1:-}" == "--reuse" ]]; then OUT="$2"; else OUT="$(mktemp -d /tmp/api-bench.XXXXXX)"; fi
SRC="$OUT/src"
BIN="$OUT/bin"
DATA="$OUT/data"
echo "api-bench: working in $OUT" >&2

# --- 1. build and start -------------------------------------------------------------------------------------------
bench_build_api "$ROOT" "$SRC" "$BIN" "$OUT/build.log"

PHOTOS="$("$ROOT/../shared/scripts/fetch-photos.sh" "$ROOT/.photos")"
PORT="$(bench_free_port)"
BASE="http://127.0.0.1:$PORT"
rm -rf "$DATA" && mkdir -p "$DATA"
bench_server_env "$DATA"
TOKEN="$(cd "$BIN" && dotnet bootstrap.dll token --user bench --environment Development)"

(cd "$BIN" && ASPNETCORE_ENVIRONMENT=Production exec dotnet bootstrap.dll --urls "$BASE" >"$OUT/server.log" 2>&1) &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$BASE/health" >/dev/null || { cat "$OUT/server.log" >&2; exit 1; }

# --- 2. uploads ---------------------------------------------------------------------------------------------------
UPLOAD_JSON="$(node "$HERE/api-upload.js" "$BASE" "$TOKEN" "$PHOTOS" "$UPLOADS")"
echo "$UPLOAD_JSON" >"$OUT/upload.json"

# --- 3. GET /images/{id} ------------------------------------------------------------------------------------------
ID="$(node -e 'console.log(JSON.parse(process.argv[1]).sampleId)' "$UPLOAD_JSON")"
AC="$ROOT/node_modules/.bin/autocannon"
"$AC" -c "$GET_CONNECTIONS" -d 3 -H "Authorization=Bearer $TOKEN" "$BASE/images/$ID" >/dev/null 2>&1  # warm-up (JIT, pools)
"$AC" -j -c "$GET_CONNECTIONS" -d "$GET_SECONDS" -H "Authorization=Bearer $TOKEN" "$BASE/images/$ID" >"$OUT/get.json" 2>/dev/null

BODY_BYTES="$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/images/$ID" | wc -c)"
kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true

# --- 4. peers -----------------------------------------------------------------------------------------------------
node "$HERE/api-peers.js" render "$PHOTOS" "$UPLOADS" >"$OUT/render.json"
node "$HERE/api-peers.js" server "$BODY_BYTES" >"$OUT/peer-port" &
PEER=$!
trap 'kill "$SERVER" "$PEER" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [[ -s "$OUT/peer-port" ]] && break; sleep 0.1; done
PEER_URL="http://127.0.0.1:$(cat "$OUT/peer-port")/"
"$AC" -c "$GET_CONNECTIONS" -d 3 "$PEER_URL" >/dev/null 2>&1
"$AC" -j -c "$GET_CONNECTIONS" -d "$GET_SECONDS" "$PEER_URL" >"$OUT/peer-get.json" 2>/dev/null
kill "$PEER" 2>/dev/null || true

LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULT="$(node "$HERE/api-report.js" "$OUT" "$GET_CONNECTIONS" "$GET_SECONDS")"
echo "$RESULT"
{
  echo "# Management API benchmark (embedded backend)"
  echo
  echo "Produced by \`tests/ImageService.Benchmarks/api-bench.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores; load average at the end of the run: $LOAD)."
  echo "Absolute figures drift with the machine's load; the ratios to the same-run peers are the comparable part."
  echo
  echo "$RESULT"
  echo
  echo "Method: the API is built in Release and served by Kestrel on 127.0.0.1 with a fresh data directory (SQLite +"
  echo "filesystem). Uploads: POST /images multipart with a 2560x1600 JPEG photograph (KDE wallpapers via"
  echo "fetch-photos.sh, 0.5-0.75 MB each), timed from request start to the 201 response by a Node client; 5 warm-up"
  echo "uploads are not counted. Each upload sniffs the type, decodes with shrink-on-load, writes the display WebP"
  echo "(2048 px) and the 400 px thumbnail, stores three blobs and the metadata row. GET: autocannon, keep-alive,"
  echo "$GET_CONNECTIONS connections for ${GET_SECONDS}s after a 3 s warm-up, bearer token validated and the metadata read"
  echo "from SQLite on every request. Peers run right after, in the same script: sharp $(node -e 'console.log(require("sharp").versions.sharp)' 2>/dev/null)"
  echo "making the same two renditions from the same photos in-process, and a bare Node http server returning a body of"
  echo "the same size ($BODY_BYTES bytes) under the same autocannon settings."
} >"$HERE/RESULTS-api.md"
echo "api-bench: wrote $HERE/RESULTS-api.md" >&2
