/** Loads the napi-rs addon built into native/ by scripts/build-core.mjs. */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CoreBackend } from './backend.ts';

interface NativeBinding {
  call(op: string, input: Buffer): Buffer;
  callAsync(op: string, input: Buffer, signal?: AbortSignal | null): Promise<Buffer>;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A plain Uint8Array view of a Buffer (no copy), so both backends return the same type. */
function plain(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * Load the native addon.
 * @throws {Error} when the addon is missing or does not load (the cause says why).
 */
export async function loadNative(): Promise<CoreBackend> {
  const binding = await importBinding();
  return {
    name: 'native',
    callRaw: (op, input) => plain(binding.call(op, toBuffer(input))),
    callRawAsync: async (op, input, signal) => plain(await binding.callAsync(op, toBuffer(input), signal ?? null)),
  };
}

/**
 * The generated loader (native/index.js) picks the right .node file for this
 * platform. Some module loaders (tsx inside a worker thread started by a
 * test runner) refuse it as a require(esm) cycle; the addon for this
 * platform is then required directly.
 */
async function importBinding(): Promise<NativeBinding> {
  try {
    return (await import('../../native/index.js')) as unknown as NativeBinding;
  } catch (first) {
    const dir = new URL('../../native/', import.meta.url);
    const prefix = `sigil-core.${process.platform}-${process.arch}`;
    const file = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.node'));
    if (!file) throw first;
    return createRequire(import.meta.url)(new URL(file, dir).pathname) as NativeBinding;
  }
}
