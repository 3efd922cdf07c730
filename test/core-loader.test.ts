import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCore, SigilError, CORE_ERRORS, decodeResult, encodeList } from '../src/core/index.ts';
import { loadWasm } from '../src/core/wasm.ts';
import { loadNative } from '../src/core/native.ts';

const BACKENDS = ['native', 'wasm'] as const;

describe.each(BACKENDS)('core loader (%s)', (name) => {
  it('loads and reports its backend', async () => {
    const core = await loadCore(name);
    expect(core.backend).toBe(name);
    const [abi, backend] = core.call('core.info');
    expect(new DataView(abi!.buffer, abi!.byteOffset).getUint32(0, true)).toBe(1);
    expect(new TextDecoder().decode(backend)).toBe(name);
  });

  it('lists its ops, the same on both backends', async () => {
    const ops = (await loadCore(name)).ops();
    expect(ops).toContain('core.info');
    expect(ops).toEqual((await loadCore('native')).ops());
  });

  it('returns a typed error for an unknown op', async () => {
    const core = await loadCore(name);
    expect(() => core.call('no.such.op')).toThrow(SigilError);
    try {
      core.call('no.such.op');
    } catch (err) {
      expect((err as SigilError).code).toBe('SIGIL_E_UNKNOWN_OP');
      expect((err as SigilError).httpStatus).toBe(501);
    }
  });

  it('rejects a malformed argument frame', async () => {
    const backend = name === 'native' ? await loadNative() : loadWasm();
    // The frame claims a 16-byte item but carries 2 bytes.
    const frame = backend.callRaw('core.info', new Uint8Array([16, 0, 0, 0, 1, 2]));
    expect(() => decodeResult(frame)).toThrow(expect.objectContaining({ code: 'SIGIL_E_MALFORMED' }));
  });

  it('runs async calls', async () => {
    const core = await loadCore(name);
    const [, backend] = await core.callAsync('core.info');
    expect(new TextDecoder().decode(backend)).toBe(name);
  });
});

describe('loader failure', () => {
  it('fails loudly naming every cause', async () => {
    expect(() => loadWasm('/nonexistent/sigil_core.wasm')).toThrow(/ENOENT/);
  });

  it('rejects an unknown backend name', () => {
    expect(() => loadCore('gpu')).toThrow(RangeError);
  });
});

describe('error registry', () => {
  it('mirrors every code of the Rust core', () => {
    const rust = readFileSync(new URL('../crates/math/src/error.rs', import.meta.url), 'utf8');
    const codes = [...rust.matchAll(/"(SIGIL_E_[A-Z_]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(10);
    expect(new Set(codes)).toEqual(new Set(Object.keys(CORE_ERRORS)));
  });

  it('frames round-trip', () => {
    const items = [new Uint8Array([1, 2, 3]), new Uint8Array(0)];
    expect(decodeResult(new Uint8Array([0, ...encodeList(items)]))).toEqual(items);
  });
});


describe('error registry has no duplicates', () => {
  it('no code is defined by two rooms', async () => {
    const { CORE_ERRORS: core, BINDING_ERRORS: binding } = await import('../src/core/errors.ts');
    const { TRANSPORT_ERRORS } = await import('../src/transport/errors.ts');
    const { STORE_ERRORS } = await import('../src/store/errors.ts');
    const all = [core, binding, TRANSPORT_ERRORS, STORE_ERRORS].flatMap((o) => Object.keys(o));
    expect(new Set(all).size).toBe(all.length);
    for (const code of all) expect(code).toMatch(/^SIGIL_E_[A-Z0-9_]+$/);
  });
});

describe('loader reports every cause', () => {
  it('names each backend and its failure when none loads', async () => {
    const { loadFirst } = await import('../src/core/load.ts');
    const failing = {
      native: async () => { throw new Error('addon missing: native/sigil-core.linux-x64-gnu.node'); },
      wasm: async () => { throw new Error('ENOENT wasm/pkg/sigil_core.wasm'); },
    };
    const err = await loadFirst(['native', 'wasm'], failing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SigilError);
    expect((err as SigilError).code).toBe('SIGIL_E_CORE_UNAVAILABLE');
    expect((err as SigilError).message).toMatch(/native: addon missing/);
    expect((err as SigilError).message).toMatch(/wasm: ENOENT/);
    expect((err as SigilError).message).toMatch(/scripts\/setup\.sh/);
  });

  it('falls back to wasm when the native addon does not load', async () => {
    const { loadFirst } = await import('../src/core/load.ts');
    const core = await loadFirst(['native', 'wasm'], {
      native: async () => { throw new Error('no addon'); },
      wasm: async () => loadWasm(),
    });
    expect(core.backend).toBe('wasm');
  });
});
