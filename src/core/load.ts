/**
 * Chooses and loads a backend: the native addon first, WebAssembly as the
 * fallback; `SIGIL_CORE=native|wasm` forces one. Fails loudly with every cause.
 */
import type { BackendName, CoreBackend } from './backend.ts';
import { Core } from './core.ts';
import { SigilError } from './errors.ts';
import { loadNative } from './native.ts';
import { loadWasm } from './wasm.ts';

const loaders: Record<BackendName, () => Promise<CoreBackend>> = {
  native: loadNative,
  wasm: async () => loadWasm(),
};

const cache = new Map<BackendName, Promise<Core>>();

function order(prefer: string | undefined): BackendName[] {
  if (prefer === undefined || prefer === '') return ['native', 'wasm'];
  if (prefer === 'native' || prefer === 'wasm') return [prefer];
  throw new RangeError(`SIGIL_CORE must be "native" or "wasm", got "${prefer}"`);
}

/**
 * Try `names` in order with `from`; the first that loads wins.
 * @throws {SigilError} SIGIL_E_CORE_UNAVAILABLE naming every backend tried and why it failed.
 */
export async function loadFirst(names: readonly BackendName[], from: Record<BackendName, () => Promise<CoreBackend>> = loaders): Promise<Core> {
  const causes: string[] = [];
  for (const name of names) {
    try {
      return new Core(await from[name]());
    } catch (err) {
      causes.push(`${name}: ${(err as Error).message}`);
    }
  }
  throw new SigilError('SIGIL_E_CORE_UNAVAILABLE', `no crypto core could be loaded:\n  ${causes.join('\n  ')}\n` +
    'Run `bash scripts/setup.sh` (or `npm run build:core`) to build it.');
}

/**
 * Load the core once per process (per backend choice).
 * @param prefer 'native' | 'wasm'; defaults to `process.env.SIGIL_CORE`, then native-then-wasm.
 * @throws {SigilError} SIGIL_E_CORE_UNAVAILABLE listing every cause.
 * @throws {RangeError} for an unknown backend name.
 */
export function loadCore(prefer: string | undefined = process.env.SIGIL_CORE): Promise<Core> {
  const names = order(prefer);
  const key = names.length === 1 ? names[0]! : 'native';
  let pending = cache.get(key);
  if (!pending) {
    pending = loadFirst(names);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}
