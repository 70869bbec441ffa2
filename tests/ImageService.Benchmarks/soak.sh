#!/usr/bin/env bash
# Soak (issue 15, item 4). Not part of the test suite:
#   1. builds functions/ImageService.Api in Release from a copy of the source tree (bench-common.sh) and starts it on a
#      free 127.0.0.1 port with a fresh data directory (embedded backend: SQLite + files), business plan (so the plan's
#      rate and quotas never refuse the soak's own traffic);
#   2. soak-driver.js sends mixed traffic for SOAK_MINUTES with SOAK_CONCURRENCY workers: uploads (2560x1600 photos
#      from ../shared/scripts/fetch-photos.sh), lists (with tags and cursors), metadata reads, delivery hits (derived
#      results), 304s, misses (renders), unknown images, PATCH with If-Match, deletes, signed URLs made and fetched;
#      it samples the server's RSS and open file descriptors every 30 s;
#   3. then checks consistency: every image the soak kept is listed, its metadata is the last written and its original
#      is byte-identical (SHA-256); every deleted image answers 404 and leaves no original, rendition or derived result
#      on disk; no object on disk belongs to an image the soak did not keep.
# Prints the report and writes tests/ImageService.Benchmarks/RESULTS-soak.md. Exit code 1 on any 5xx, unexpected
# status, memory or descriptor drift beyond ±10 % after the first minute, or a consistency problem.
# Usage: tests/ImageService.Benchmarks/soak.sh [--reuse DIR]
# Env: SOAK_MINUTES (10), SOAK_CONCURRENCY (4), SOAK_SEED (15), SOAK_NICE (10: niceness of server and driver),
#      SOAK_MALLOC_ARENA_MAX (1; empty: no cap), SOAK_DETAIL_SECONDS (5; 0: off; see soak-driver.js). Any other
#      variable in the environment (DOTNET_*, MALLOC_*, Imaging__*) reaches the server as it is.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tests/ImageService.Benchmarks"
# shellcheck source=bench-common.sh
source "$HERE/bench-common.sh"
SOAK_MINUTES="${SOAK_MINUTES:-10}"
SOAK_CONCURRENCY="${SOAK_CONCURRENCY:-4}"
SOAK_SEED="${SOAK_SEED:-15}"
SOAK_NICE="${SOAK_NICE:-10}"

if [[ "${1:-}" == "--reuse" ]]; then OUT="$2"; else OUT="$(mktemp -d /tmp/soak.XXXXXX)"; fi
SRC="$OUT/src"
BIN="$OUT/bin"
DATA="$OUT/data"
echo "soak: working in $OUT" >&2

bench_build_api "$ROOT" "$SRC" "$BIN" "$OUT/build.log"
PHOTOS="$("$ROOT/../shared/scripts/fetch-photos.sh" "$ROOT/.photos")"
PORT="$(bench_free_port)"
BASE="http://127.0.0.1:$PORT"
rm -rf "$DATA" && mkdir -p "$DATA"
KEY="soak-signing-key-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export Auth__Issuer=imageservice-soak Auth__Audience=imageservice-api Auth__SigningKey="$KEY"
export Storage__DataDirectory="$DATA" Uploads__PerUserPerMinute=1000000 Plans__DefaultPlanId=business
export Paging__CursorKey="$(head -c 32 /dev/urandom | base64)" Logging__LogLevel__Default=Warning
# /metrics (loopback only) for the driver's detail samples: the managed heap beside the resident memory.
export Observability__PrometheusEndpoint=true
# As the README's one-machine unit and the Lambda functions set it: glibc gives each of libvips' worker threads its
# own malloc arena, and each arena keeps the buffers of the renders that ran in it (Imaging:NativeHeap=Retain), so RSS
# holds one render's peak per arena and climbs while the arenas fill (two arenas: for about 10 minutes). One arena keeps
# one set. SOAK_MALLOC_ARENA_MAX= (empty) measures without the cap, =2 as sessions 5-6 did.
export MALLOC_ARENA_MAX="${SOAK_MALLOC_ARENA_MAX-1}"
[[ -n "$MALLOC_ARENA_MAX" ]] || unset MALLOC_ARENA_MAX
TOKEN="$(cd "$BIN" && dotnet bootstrap.dll token --user soak --environment Development | tail -n 1)"

(cd "$BIN" && ASPNETCORE_ENVIRONMENT=Production exec nice -n "$SOAK_NICE" dotnet bootstrap.dll --urls "$BASE" >"$OUT/server.log" 2>&1) &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$BASE/health" >/dev/null || { cat "$OUT/server.log" >&2; exit 1; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
STARTED="$(date -u +%H:%M)"
nice -n "$SOAK_NICE" node "$HERE/soak-driver.js" "$BASE" "$TOKEN" "$PHOTOS" "$DATA" "$SERVER" "$SOAK_MINUTES" "$SOAK_CONCURRENCY" "$SOAK_SEED" >"$OUT/soak.json"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
ERRORS_LOGGED="$(grep -c '"LogLevel":"Error"\|"Level":"Error"\|fail:' "$OUT/server.log" || true)"
kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true

REPORT="$(node - "$OUT/soak.json" <<'EOF'
const r = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const ms = v => v === null || v === undefined ? '–' : v.toFixed(1);
const lines = [];
lines.push(`requests: ${r.requests} in ${r.seconds.toFixed(0)} s (${r.perSecond.toFixed(1)}/s, ${r.concurrency} workers); 5xx: ${r.fiveXx}; unexpected statuses: ${r.unexpected}`);
lines.push('');
lines.push('| kind | requests | statuses | p50 ms | p99 ms | max ms | 5xx |');
lines.push('|---|---|---|---|---|---|---|');
for (const [kind, k] of Object.entries(r.kinds).sort()) {
  const statuses = Object.entries(k.statuses).map(([s, n]) => `${s}×${n}`).join(' ');
  lines.push(`| ${kind} | ${k.n} | ${statuses} | ${ms(k.p50)} | ${ms(k.p99)} | ${ms(k.max)} | ${k.fiveXx} |`);
}
lines.push('');
lines.push('| t (s) | RSS (MB) | open fds |');
lines.push('|---|---|---|');
for (const s of r.samples) lines.push(`| ${s.t} | ${s.rssMb} | ${s.fds} |`);
lines.push('');
const f = r.flat;
lines.push(`after the first minute (reference t=${f.reference.t} s: ${f.reference.rssMb} MB, ${f.reference.fds} fds): RSS ${f.rssRange ? f.rssRange.join('–') : '–'} MB, ` +
  `within ±10 %: ${f.rssWithin10 ? 'yes' : 'NO'}; fds ${f.fdsRange ? f.fdsRange.join('–') : '–'}, within ±10 %: ${f.fdsWithin10 ? 'yes' : 'NO'}`);
const c = r.check;
lines.push(`consistency: ${c.kept} images kept, ${c.listed} listed, ${c.intact} originals intact (SHA-256); ${c.deleted} deleted, ` +
  `${c.deletedGone} gone from the API and the disk; ${c.filesOnDisk} files on disk, ${c.orphans} of no kept image; problems: ${c.problems.length}`);
for (const p of c.problems.slice(0, 20)) lines.push(`- ${p}`);
if (r.errors.length) lines.push(`first unexpected answers: ${JSON.stringify(r.errors.slice(0, 10))}`);
const ok = r.fiveXx === 0 && r.unexpected === 0 && f.rssWithin10 && f.fdsWithin10 && c.problems.length === 0;
lines.push('');
lines.push(`verdict: ${ok ? 'PASS' : 'FAIL'}`);
console.log(lines.join('\n'));
EOF
)"
echo "$REPORT"
node -e '
const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
console.log("t_s\trss_mb\tanon_mb\tfile_mb\tgc_heap_mb\tgc_committed_mb\tuploads_in_flight\trenders_in_flight");
for (const d of r.detail || []) console.log([d.t, d.rssMb, d.anonMb, d.fileMb, d.gcHeapMb, d.gcCommittedMb, d.uploads, d.renders].join("\t"));
' "$OUT/soak.json" >"$OUT/detail.tsv"
echo "soak: detail samples (every ${SOAK_DETAIL_SECONDS:-5} s) in $OUT/detail.tsv" >&2
{
  echo "# Soak (embedded backend)"
  echo
  echo "Produced by \`tests/ImageService.Benchmarks/soak.sh\` on $(date -u +%Y-%m-%d), started $STARTED UTC, SOAK_MINUTES=$SOAK_MINUTES,"
  echo "SOAK_CONCURRENCY=$SOAK_CONCURRENCY, SOAK_SEED=$SOAK_SEED, niceness $SOAK_NICE ($(nproc) cores, shared; load average before: $LOAD_BEFORE, after: $LOAD_AFTER)."
  echo "Server log lines at Error level: $ERRORS_LOGGED."
  echo
  echo "$REPORT"
  echo
  echo "Method: the API is built in Release (JIT, \`dotnet bootstrap.dll\`) and served by Kestrel on 127.0.0.1 with a fresh"
  echo "data directory and the business plan as the default. soak-driver.js (Node $(node --version), built-in fetch, keep-alive)"
  echo "runs the workers back to back, each picking its next request from a seeded mix (upload 6 %, list 12 %, metadata"
  echo "15 %, delivery hit 24 %, 304 5 %, render miss 7 %, unknown image 3 %, PATCH 9 %, delete 4 %, signed URL 8 %, signed"
  echo "GET 7 %); 20 uploads seed the catalogue first. Latency is request start to the last body byte. Statuses a race"
  echo "between workers explains (404 after another worker's delete, 412 after another's PATCH) are expected; anything"
  echo "else counts as unexpected. RSS (VmRSS) and open descriptors (/proc/PID/fd) are read every 30 s."
} >"$HERE/RESULTS-soak.md"
echo "soak: wrote $HERE/RESULTS-soak.md" >&2
grep -q '^verdict: PASS' <<<"$REPORT"
