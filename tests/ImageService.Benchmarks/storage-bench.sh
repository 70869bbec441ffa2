#!/usr/bin/env bash
# Storage backend benchmark (issue 4, item 7): the same API on the embedded backend (SQLite + files) and on the AWS
# backend (DynamoDB + S3) against the local emulators, in one run. Figures, never a timed test:
#   1. builds functions/ImageService.Api in Release once, from a copy of the source tree in a temporary folder (the
#      repo's bin/obj stay untouched);
#   2. starts dynalite and s3rver from node_modules on free 127.0.0.1 ports and runs `provision` against them;
#   3. starts the API twice on free loopback ports: Local with a temporary data directory, Aws on the emulators;
#   4. storage-bench.js: upload latency (POST /images multipart, one small real photo, concurrency 1) and
#      GET /images/{id} latency (sequential), alternating between the backends request by request;
#   5. prints a table with both backends and the Aws/Local ratio (storage-report.js) and the load average.
# Everything it started is stopped on exit. The RESULTS.md section is written by hand from the printed output.
# Usage: tests/ImageService.Benchmarks/storage-bench.sh [--reuse DIR]   (DIR: a previous run's folder, skips the build)
# Env: UPLOADS (30 per backend), GETS (300 per backend).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tests/ImageService.Benchmarks"
# shellcheck source=bench-common.sh
source "$HERE/bench-common.sh"
UPLOADS="${UPLOADS:-30}"
GETS="${GETS:-300}"

if [[ "${1:-}" == "--reuse" ]]; then OUT="$2"; else OUT="$(mktemp -d /tmp/storage-bench.XXXXXX)"; fi
SRC="$OUT/src"
BIN="$OUT/bin"
echo "storage-bench: working in $OUT" >&2

PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT


wait_for() { # URL_OR_PORT LOG: waits until the endpoint answers, else prints the log and fails
  for _ in $(seq 1 150); do
    if [[ "$1" == http* ]]; then curl -sf "$1" >/dev/null 2>&1 && return 0
    else (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; fi
    sleep 0.2
  done
  echo "storage-bench: $1 did not answer" >&2; cat "$2" >&2; return 1
}

# --- 1. build -----------------------------------------------------------------------------------------------------
if [[ ! -f "$BIN/bootstrap.dll" ]]; then
  started=$SECONDS
  bench_build_api "$ROOT" "$SRC" "$BIN" "$OUT/build.log"
  echo "storage-bench: Release build took $((SECONDS - started)) s" >&2
fi
BENCH_STARTED=$SECONDS

# --- the photo: one real photograph made small (1280x800 JPEG), else a generated one ------------------------------
PHOTO="$OUT/photo.jpg"
PHOTOS="$ROOT/.photos"
if ! ls "$PHOTOS"/*-2560x1600.jpg >/dev/null 2>&1; then
  "$ROOT/../shared/scripts/fetch-photos.sh" "$PHOTOS" >/dev/null 2>&1 || true
fi
SOURCE="$(ls "$PHOTOS"/*-2560x1600.jpg 2>/dev/null | head -1 || true)"
(cd "$ROOT" && node -e '
  const sharp = require("sharp");
  const [source, target] = process.argv.slice(1);
  // Without the photographs: smooth colour noise, so the encoder has something photo-like to compress.
  const input = source ? sharp(source)
    : sharp(Buffer.from(Array.from({ length: 320 * 200 * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: 320, height: 200, channels: 3 } }).blur(2);
  input.resize(1280, 800).jpeg({ quality: 85 }).toFile(target).catch(e => { console.error(e); process.exit(1); });
' "$SOURCE" "$PHOTO")
echo "storage-bench: photo ${SOURCE:-generated} -> 1280x800 JPEG, $(stat -c %s "$PHOTO") bytes" >&2

# --- 2. emulators and provisioning --------------------------------------------------------------------------------
rm -rf "$OUT/dynamodb" "$OUT/s3" "$OUT/local-data" "$OUT/aws-data"
mkdir -p "$OUT/dynamodb" "$OUT/s3" "$OUT/local-data" "$OUT/aws-data"
DYNAMO_PORT="$(bench_free_port)"
node "$ROOT/node_modules/dynalite/cli.js" --host 127.0.0.1 --port "$DYNAMO_PORT" --path "$OUT/dynamodb" \
  --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 >"$OUT/dynalite.log" 2>&1 &
PIDS+=($!)
S3_PORT="$(bench_free_port)"
# s3rver encrypts list continuation tokens with DES, which OpenSSL 3 only offers in its legacy provider.
node --openssl-legacy-provider "$ROOT/node_modules/s3rver/bin/s3rver.js" -d "$OUT/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
  >"$OUT/s3rver.log" 2>&1 &
PIDS+=($!)
wait_for "$DYNAMO_PORT" "$OUT/dynalite.log"
wait_for "$S3_PORT" "$OUT/s3rver.log"

KEY="bench-signing-key-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export Auth__Issuer=imageservice-bench Auth__Audience=imageservice-api Auth__SigningKey="$KEY"
export Uploads__PerUserPerMinute=1000000 Logging__LogLevel__Default=Warning
# The AWS settings only take effect where Storage__Backend=Aws; s3rver's built-in key pair is S3RVER/S3RVER.
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
export Storage__Aws__TableName=BenchImages Storage__Aws__Accounts__TableName=BenchAccounts Storage__Aws__BucketName=bench-images
export Storage__Aws__DynamoDbServiceUrl="http://127.0.0.1:$DYNAMO_PORT" Storage__Aws__S3ServiceUrl="http://127.0.0.1:$S3_PORT"
(cd "$BIN" && Storage__Backend=Aws dotnet bootstrap.dll provision) >&2
TOKEN="$(cd "$BIN" && dotnet bootstrap.dll token --user bench --environment Development)"

# --- 3. the API twice ---------------------------------------------------------------------------------------------
LOCAL_URL="http://127.0.0.1:$(bench_free_port)"
(cd "$BIN" && Storage__Backend=Local Storage__DataDirectory="$OUT/local-data" ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet bootstrap.dll --urls "$LOCAL_URL" >"$OUT/local.log" 2>&1) &
PIDS+=($!)
AWS_URL="http://127.0.0.1:$(bench_free_port)"
(cd "$BIN" && Storage__Backend=Aws Storage__DataDirectory="$OUT/aws-data" ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet bootstrap.dll --urls "$AWS_URL" >"$OUT/aws.log" 2>&1) &
PIDS+=($!)
wait_for "$LOCAL_URL/health" "$OUT/local.log"
wait_for "$AWS_URL/health" "$OUT/aws.log"

# --- 4. measure ---------------------------------------------------------------------------------------------------
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
node "$HERE/storage-bench.js" "$TOKEN" "$PHOTO" "$UPLOADS" "$GETS" Local="$LOCAL_URL" Aws="$AWS_URL" >"$OUT/result.json"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- 5. report ----------------------------------------------------------------------------------------------------
echo "Storage backends, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
echo "Photo: 1280x800 JPEG, $(stat -c %s "$PHOTO") bytes; $UPLOADS uploads and $GETS GETs per backend after warm-up, alternating."
echo
node "$HERE/storage-report.js" "$OUT/result.json"
echo
echo "storage-bench: measured in $((SECONDS - BENCH_STARTED)) s (build excluded); raw figures in $OUT/result.json" >&2
