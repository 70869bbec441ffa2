#!/usr/bin/env bash
# Our libvips engine against three peers on the same photos and operations, in one run: sharp (node, the same
# libvips build family), NetVips (in this process, on the same libvips.so.42 from NetVips.Native) and ImageSharp
# (managed). Prints Markdown tables of ops/s and CPU ms/op at concurrency 1 and 2, peak RSS against sharp and every
# side's output sizes, and ends with three lines:
#   min ratio vs netvips: X.XX      (ours/NetVips, lowest over the rows)
#   min ratio vs imagesharp: Y.YY   (ours/ImageSharp; recorded, no target)
#   min ratio: Z.ZZ                 (ours/sharp)
# Exit code: 0 when every target is met (ours/sharp and ours/NetVips >= 0.97 on every row, RSS ratio <= 1.3),
# 1 when one is missed, 2 on bad usage.
#
#   bash tests/ImageService.Benchmarks/vs-sharp.sh [--rows ID,...] [--peers sharp,netvips,imagesharp] [--seconds 0.8]
#                                                  [--rounds 7] [--concurrency 1,2] [--vips-threads 1] [--cache off|on]
#                                                  [--rss-ops 2] [--rss-runs 3]
#
# Environment:
#   BENCH_PHOTOS        photo directory (default: .photos at the repository root; fetched when incomplete)
#   FETCH_PHOTOS        the photo fetcher (default: ../shared/scripts/fetch-photos.sh from the repository root)
#   NODE                node binary (default: node on PATH)
#   BENCH_NICE          run both sides at this priority (e.g. -10; negative needs root). The kernel's autogroup
#                       scheduling shares the CPU between sessions whatever a process's own nice value is, so the
#                       benchmark gets a session of its own (setsid) and that session's autogroup gets the nice
#                       value. On a machine shared with other people's builds this keeps their load from deciding
#                       the numbers; both sides get the same priority (the node worker inherits it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
project="$root/tests/ImageService.Benchmarks/ImageService.Benchmarks.csproj"
photos=${BENCH_PHOTOS:-$root/.photos}
fetch=${FETCH_PHOTOS:-$root/../shared/scripts/fetch-photos.sh}

if [ ! -f "$photos/.complete" ]; then
  if [ ! -f "$fetch" ]; then
    echo "vs-sharp.sh: no photos in $photos and no fetcher at $fetch (set FETCH_PHOTOS or BENCH_PHOTOS)" >&2
    exit 2
  fi
  echo "fetching photos into $photos ..." >&2
  bash "$fetch" "$photos" >/dev/null
fi

echo "building $project (Release) ..." >&2
dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >&2

out=$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)
if [ -n "${BENCH_NICE:-}" ]; then
  exec setsid --wait bash -c 'if [ -w /proc/self/autogroup ]; then echo "$0" >/proc/self/autogroup; fi; exec nice -n "$0" "$@"' \
    "$BENCH_NICE" dotnet "$out" vs-sharp --photos "$photos" "$@"
fi
exec dotnet "$out" vs-sharp --photos "$photos" "$@"
