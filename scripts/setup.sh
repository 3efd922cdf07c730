#!/usr/bin/env bash
# Idempotent machine setup: the Debian packages the core build needs (GMP, and
# rustc-web with its std sources for the wasm32 build), then `npm ci`, whose
# postinstall builds the native addon and the wasm module.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config python3 openssl libgmp-dev     # native addon, node-gyp, certificates
  rustc-web cargo-web rust-web-src rust-web-llvm lld-22     # wasm32 build with std rebuilt from source
  binaryen wabt                                             # wasm-opt, wasm-objdump
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "setup: cargo (rustup stable) is required on PATH" >&2; exit 1; }

# node-gyp (better-sqlite3) builds against the local Node headers; nothing is downloaded.
[ -d /usr/include/node ] && export npm_config_nodedir=/usr

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  node scripts/build-core.mjs
fi
echo "setup: done"
