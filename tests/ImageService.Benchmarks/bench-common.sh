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

# bench_server_env DATA [unlimited]: the environment of the API server a benchmark starts (exported): a throwaway
# HS256 signing key (the token command reads the same variables), the data directory, no upload rate limit, warnings
# only in the log; with "unlimited", a default plan "bench" whose limits never refuse a benchmark's request.
bench_server_env() {
  local key
  key="bench-signing-key-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  export Auth__Issuer=imageservice-bench Auth__Audience=imageservice-api Auth__SigningKey="$key"
  export Storage__DataDirectory="$1" Uploads__PerUserPerMinute=1000000 Logging__LogLevel__Default=Warning
  if [[ "${2:-}" == "unlimited" ]]; then
    export Plans__DefaultPlanId=bench Plans__bench__MaxOutputDimension=8192 Plans__bench__AvifAllowed=true \
      Plans__bench__SignedUrls=true Plans__bench__RequestsPerSecond=100000000 \
      Plans__bench__MonthlyTransformations=1000000000000 Plans__bench__MonthlyBandwidthBytes=1000000000000000
  fi
}
