/**
 * Loads the WebAssembly build of the core (wasm/pkg/sigil_core.wasm) and
 * speaks its memory protocol (see wasm/src/lib.rs). Randomness is supplied
 * by WebCrypto's getRandomValues, the OS CSPRNG.
 */
import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CoreBackend } from './backend.ts';
import { SigilError } from './errors.ts';

interface WasmExports {
  memory: WebAssembly.Memory;
  sigil_alloc(len: number): number;
  sigil_free(ptr: number, len: number): void;
  sigil_call(opPtr: number, opLen: number, inPtr: number, inLen: number): number;
}

const WASM_PATH = fileURLToPath(new URL('../../wasm/pkg/sigil_core.wasm', import.meta.url));
const GETRANDOM_MAX = 65_536;

function instantiate(module: WebAssembly.Module): WasmExports {
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    sigil: {
      random_fill(ptr: number, len: number): void {
        if (!memory) throw new Error('wasm memory not ready');
        for (let at = 0; at < len; at += GETRANDOM_MAX) {
          const n = Math.min(GETRANDOM_MAX, len - at);
          webcrypto.getRandomValues(new Uint8Array(memory.buffer, ptr + at, n));
        }
      },
    },
  };
  const instance = new WebAssembly.Instance(module, imports);
  const exports = instance.exports as unknown as WasmExports;
  memory = exports.memory;
  return exports;
}

function copyIn(ex: WasmExports, bytes: Uint8Array): number {
  const ptr = ex.sigil_alloc(bytes.length);
  new Uint8Array(ex.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

/**
 * Load the wasm module (synchronous compile; the module is small).
 * @throws {Error} when the file is missing or does not compile.
 */
export function loadWasm(path: string = WASM_PATH): CoreBackend {
  const module = new WebAssembly.Module(readFileSync(path));
  let ex = instantiate(module);
  const encoder = new TextEncoder();

  function callRaw(op: string, input: Uint8Array): Uint8Array {
    const opBytes = encoder.encode(op);
    try {
      const opPtr = copyIn(ex, opBytes);
      const inPtr = copyIn(ex, input);
      const outPtr = ex.sigil_call(opPtr, opBytes.length, inPtr, input.length);
      const len = new DataView(ex.memory.buffer).getUint32(outPtr, true);
      const frame = new Uint8Array(ex.memory.buffer, outPtr + 4, len).slice();
      ex.sigil_free(outPtr, len + 4);
      return frame;
    } catch (err) {
      // A trap leaves the instance's allocator in an unknown state: start afresh.
      ex = instantiate(module);
      throw new SigilError('SIGIL_E_CORE_CRASHED', `wasm core trapped in ${op}: ${(err as Error).message}`);
    }
  }

  return {
    name: 'wasm',
    callRaw,
    callRawAsync: async (op, input, signal) => {
      signal?.throwIfAborted();
      return callRaw(op, input);
    },
  };
}
