#!/bin/sh
# Installs Debian's headless-capable Chromium for the browser tests when it is missing (no Playwright browser download:
# the machines running these tests reach only package registries). Serialised with a lock file, since test projects
# may start in parallel; re-checks after the wait. Needs root (apt-get); says so clearly otherwise.
set -eu
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing at $CHROMIUM and this user cannot install it: run 'sudo apt-get install -y chromium' once, or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 3
fi
exec 9>/tmp/imageservice-chromium-install.lock
flock 9
[ -x "$CHROMIUM" ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
[ -x "$CHROMIUM" ] || { echo "apt-get finished but $CHROMIUM is still missing." >&2; exit 4; }
