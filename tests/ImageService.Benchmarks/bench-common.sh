# Shared by the API-level benchmark scripts (source it; it defines functions only).

# bench_build_api ROOT SRC BIN LOG: builds functions/ImageService.Api in Release into BIN from a copy of the source
# tree in SRC, so the repository's own bin/obj folders (used by IDEs and the test run) stay untouched.
# Skipped when BIN already holds a build (--reuse).
bench_build_api() {
  local root="$1" src="$2" bin="$3" log="$4"
  [[ -f "$bin/bootstrap.dll" ]] && return 0
  mkdir -p "$src"
  for f in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json package.json package-lock.json; do
    cp "$root/$f" "$src/$f"
  done
  ln -sfn "$root/node_modules" "$src/node_modules"
  (cd "$root" && tar --exclude=bin --exclude=obj --exclude=.data -cf - functions/ImageService.Api shared) | (cd "$src" && tar -xf -)
  dotnet build "$src/functions/ImageService.Api/ImageService.Api.csproj" -c Release -o "$bin" -p:SkipNpmInstall=true >"$log" 2>&1 \
    || { tail -30 "$log" >&2; return 1; }
}

# bench_free_port: a free TCP port on 127.0.0.1 (benchmarks bind to loopback only).
bench_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
