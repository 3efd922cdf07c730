#!/usr/bin/env node
// Builds the Rust crypto core twice: the napi-rs addon (native/) and the
// WebAssembly module (wasm/pkg/sigil_core.wasm). Runs on `npm install`/`npm ci`.
// Flags: --only native|wasm. Env: SIGIL_SKIP_CORE_BUILD=1 skips everything.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`build-core: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`build-core: ${cmd} ${argv.join(' ')} exited with ${r.status}`);
}

function buildNative() {
  console.log('build-core: native addon (napi-rs, release)');
  const napi = join(root, 'node_modules', '.bin', 'napi');
  run(napi, ['build', '--platform', '--release', '--features', 'node', '--esm', '--js', 'index.js', '--dts', 'index.d.ts'], {
    cwd: join(root, 'native'),
  });
}

// The wasm build needs Debian's rustc-web (rustup cannot add targets here):
// scripts/setup.sh installs it. See TOOLCHAIN notes in README.
function buildWasm() {
  console.log('build-core: wasm module (rustc-web, wasm32-unknown-unknown, release)');
  const rustcWeb = '/usr/bin/rustc';
  if (!existsSync(rustcWeb) || !existsSync('/usr/lib/rustlib/src/rust/library')) {
    throw new Error('build-core: rustc-web and rust-web-src are missing; run `bash scripts/setup.sh` first');
  }
  run('/usr/bin/cargo', ['build', '--release'], {
    cwd: join(root, 'wasm'),
    env: { ...process.env, RUSTC_BOOTSTRAP: '1', CARGO_TARGET_DIR: join(root, 'target', 'wasm') },
  });
  const built = join(root, 'target', 'wasm', 'wasm32-unknown-unknown', 'release', 'sigil_wasm.wasm');
  const outDir = join(root, 'wasm', 'pkg');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'sigil_core.wasm');
  if (existsSync('/usr/bin/wasm-opt')) {
    run('/usr/bin/wasm-opt', ['-O3', '--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals',
      '--enable-nontrapping-float-to-int', built, '-o', out]);
  } else {
    copyFileSync(built, out);
  }
}

if (process.env.SIGIL_SKIP_CORE_BUILD === '1') {
  console.log('build-core: skipped (SIGIL_SKIP_CORE_BUILD=1)');
} else {
  if (!only || only === 'native') buildNative();
  if (!only || only === 'wasm') buildWasm();
}
