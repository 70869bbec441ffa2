#!/usr/bin/env bash
# Dashboard benchmark (issue 13, item 6). Figures, never a timed test:
#   1. takes a publish of functions/ImageService.Api (--artifact DIR: the native `bootstrap` of
#      `dotnet publish -c Release -r linux-x64`, e.g. the Lambda tests' artifacts/native-bootstrap/publish, or a JIT
#      publish with bootstrap.dll), else publishes it in Release (JIT) with its own artifacts folder, so the
#      repository's bin/obj stay untouched. Either publish carries the dashboard as published: trimmed, invariant
#      globalization, fingerprinted, gzip + brotli precompressed, under wwwroot/app;
#   2. starts it on a free 127.0.0.1 port over HTTPS (a throwaway self-signed certificate: Chromium negotiates brotli
#      only over HTTPS, as it will on CloudFront) in Development (the dashboard's local sign-in) with a temp data dir;
#   3. uploads 20 photographs (../shared/scripts/fetch-photos.sh, 10 photos twice) for the user "bench";
#   4. drives Debian's headless Chromium with Playwright (playwright-core from the browser tests' build) and reads
#      Chromium's own network accounting (encodedDataLength: bytes on the wire, headers included):
#        - first visit to /app/ with an empty cache, until the sign-in form is shown;
#        - time from navigating to /app/images until 20 thumbnails are decoded (naturalWidth > 0): first on the grid's
#          first visit (the dashboard creates its eager grid variant then, so those 20 render on demand), then, after 20
#          more photographs were uploaded and their eager renditions finished, three times (the median is the target
#          row: a customer opening the grid sees images uploaded earlier, with the app from the HTTP cache), with where
#          the time went (the page's performance timeline);
#        - a repeat visit to /app/ in the same browser profile.
# Prints the figures and writes them to tests/ImageService.Benchmarks/RESULTS-dashboard.md.
# Usage: tests/ImageService.Benchmarks/dashboard-bench.sh [--artifact DIR | --reuse DIR]
#   --artifact DIR: an existing publish (skips the publish); --reuse DIR: a previous run's folder (its publish).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/tests/ImageService.Benchmarks"
# shellcheck source=bench-common.sh
source "$HERE/bench-common.sh"

OUT="" PUB=""
case "${1:-}" in
  --reuse) OUT="$2" ;;
  --artifact) PUB="$(cd "$2" && pwd)" ;;
esac
[[ -n "$OUT" ]] || OUT="$(mktemp -d /tmp/dashboard-bench.XXXXXX)"
[[ -n "$PUB" ]] || PUB="$OUT/pub"
DATA="$OUT/data"
echo "dashboard-bench: working in $OUT, serving $PUB" >&2

# --- 1. publish -------------------------------------------------------------------------------------------------
if [[ ! -f "$PUB/bootstrap" ]]; then
  dotnet publish "$ROOT/functions/ImageService.Api/ImageService.Api.csproj" -c Release -p:PublishAot=false -o "$PUB" \
    --artifacts-path "$OUT/artifacts" -p:SkipNpmInstall=true >"$OUT/publish.log" 2>&1 || { tail -30 "$OUT/publish.log" >&2; exit 1; }
fi
[[ -f "$PUB/wwwroot/app/index.html" ]] || { echo "dashboard-bench: $PUB has no wwwroot/app/index.html" >&2; exit 1; }
if [[ -f "$PUB/bootstrap.dll" ]]; then HOST="JIT (dotnet bootstrap.dll)"; START=(dotnet bootstrap.dll); else HOST="Native AOT (bootstrap)"; START=(./bootstrap); fi
PLAYWRIGHT_CORE="${PLAYWRIGHT_CORE:-$ROOT/tests/ImageService.Dashboard.BrowserTests/bin/Debug/net10.0/.playwright/package}"
if [[ ! -d "$PLAYWRIGHT_CORE" ]]; then
  dotnet build "$ROOT/tests/ImageService.Dashboard.BrowserTests" >"$OUT/browser-build.log" 2>&1 || { tail -30 "$OUT/browser-build.log" >&2; exit 1; }
fi
sh "$ROOT/tests/ImageService.Dashboard.BrowserTests/install-chromium.sh"

# --- 2. start over HTTPS ----------------------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$OUT/key.pem" -out "$OUT/cert.pem" >/dev/null 2>&1
# Chromium trusts this one certificate by its key's hash: with a certificate *error* (--ignore-certificate-errors)
# it would keep nothing in its HTTP cache, and the repeat visit would download everything again.
SPKI="$(openssl x509 -in "$OUT/cert.pem" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"
PORT="$(bench_free_port)"
BASE="https://127.0.0.1:$PORT"
rm -rf "$DATA" && mkdir -p "$DATA"
export ASPNETCORE_ENVIRONMENT=Development Storage__DataDirectory="$DATA" Uploads__PerUserPerMinute=1000000 Logging__LogLevel__Default=Warning
export Kestrel__Certificates__Default__Path="$OUT/cert.pem" Kestrel__Certificates__Default__KeyPath="$OUT/key.pem"
(cd "$PUB" && exec "${START[@]}" --urls "$BASE" >"$OUT/server.log" 2>&1) &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -ksf "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done

# --- 3. 20 photographs ------------------------------------------------------------------------------------------
PHOTOS="$("$ROOT/../shared/scripts/fetch-photos.sh" "$ROOT/.photos")"
TOKEN="$(curl -ksf -H 'Content-Type: application/json' -d '{"userName":"bench"}' "$BASE/auth/dev-token" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')"
mapfile -t FILES < <(find "$PHOTOS" -name '*-2560x1600.jpg' | sort)
for round in 1 2; do
  for f in "${FILES[@]}"; do
    curl -ksf -H "Authorization: Bearer $TOKEN" -F "file=@$f" -F "title=$(basename "$f" .jpg)-$round" "$BASE/images" >/dev/null
  done
done

# --- 4. measure ---------------------------------------------------------------------------------------------------
# The measuring script's own API calls (the 20 later uploads) trust the throwaway certificate the same way.
RESULT="$(PLAYWRIGHT_CORE="$PLAYWRIGHT_CORE" BASE="$BASE" SPKI="$SPKI" PHOTO_FILES="$(printf '%s\n' "${FILES[@]}" "${FILES[@]}")" \
  NODE_EXTRA_CA_CERTS="$OUT/cert.pem" node "$HERE/dashboard-measure.js")"
echo "$RESULT"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
node -e '
const fs = require("fs"), path = require("path");
const r = JSON.parse(process.argv[1]);
let brSum = 0, brFiles = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p); else if (e.name.endsWith(".br")) { brSum += fs.statSync(p).size; brFiles++; }
  }
})(process.argv[5]);
const kb = b => (b / 1024).toFixed(1) + " KB";
const exact = b => b.toLocaleString("en-US") + " bytes (" + (b / 1e6).toFixed(3) + " MB, " + (b / 1048576).toFixed(3) + " MiB)";
const lines = [
  "# Dashboard benchmark",
  "",
  "`tests/ImageService.Benchmarks/dashboard-bench.sh` on " + new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC (load " + process.argv[2] + "):",
  "the Release publish of the API (" + process.argv[4] + ") serving the published dashboard over HTTPS on 127.0.0.1, Debian Chromium " + r.browser + " headless",
  "driven by Playwright; bytes are Chromium'"'"'s own accounting (encodedDataLength: on the wire, headers included).",
  "",
  "| measure | target | result |",
  "|---|---|---|",
  "| first visit to /app/, empty cache, until the sign-in form shows | ≤ 2 MB | " + exact(r.firstVisitBytes) + " (" + r.firstVisitRequests + " requests; " + r.firstVisitEncodings + ") |",
  "| navigation to /app/images until 20 thumbnails are decoded: images uploaded earlier, thumbnails rendered at upload (median of 3) | ≤ 2 s | " + r.readyMedianMs + " ms (" + r.readyMs.join(", ") + ") |",
  "| the same on the grid'"'"'s very first visit, before its eager variant existed: 20 renders on demand (informational) | — | " + r.imagesColdMs + " ms |",
  "| repeat visit to /app/ (same profile) | ≤ 50 KB | " + kb(r.repeatVisitBytes) + " (" + r.repeatVisitRequests + " requests) |",
  "",
  "Where the median ready run went (ms after navigation start, the page'"'"'s performance timeline): DOMContentLoaded " + r.readyParts.domContentLoaded +
    ", list API " + r.readyParts.listStart + "–" + r.readyParts.listEnd + ", " + r.readyParts.thumbs + " thumbnails " + r.readyParts.thumbsStart + "–" + r.readyParts.thumbsEnd +
    " (" + (r.readyParts.thumbBytes / 1024).toFixed(1) + " KB, " + r.readyParts.protocol + ", e.g. " + r.readyParts.grid + "); eager renditions of the 20 later uploads finished " +
    r.renditions.waitMs + " ms after the last upload. First visit: list " + r.coldParts.listStart + "–" + r.coldParts.listEnd + ", thumbnails " + r.coldParts.thumbsStart + "–" + r.coldParts.thumbsEnd + ".",
  "",
  "The largest first-visit downloads (compressed): " + r.largest.map(l => l.name + " " + kb(l.bytes)).join(", ") + ".",
  "For comparison, the publish'"'"'s files: the sum of every brotli file under wwwroot/app is " + brSum.toLocaleString("en-US") + " bytes (" + brFiles + " files).",
];
// Hand-written notes below the marker survive a new run.
const notesMarker = "<!-- notes -->";
const previous = fs.existsSync(process.argv[3]) ? fs.readFileSync(process.argv[3], "utf8") : "";
const notes = previous.includes(notesMarker) ? previous.slice(previous.indexOf(notesMarker)) : notesMarker + "\n";
fs.writeFileSync(process.argv[3], lines.join("\n") + "\n\n" + notes);
' "$RESULT" "$LOAD" "$HERE/RESULTS-dashboard.md" "$HOST" "$PUB/wwwroot/app"
echo "dashboard-bench: wrote $HERE/RESULTS-dashboard.md" >&2
