import { afterAll, describe, expect, it } from 'vitest';
import { SigilError } from '../src/core/index.ts';
import { Engine } from '../src/engine/index.ts';

describe('engine (Piscina worker pool)', () => {
  const engine = new Engine({ threads: 2, maxBatch: 8 });
  afterAll(() => engine.close());

  it('runs core ops on worker threads, batched', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => engine.run('core.info', [])));
    expect(results).toHaveLength(50);
    for (const [abi] of results) expect(abi).toEqual(new Uint8Array([1, 0, 0, 0]));
  });

  it('isolates a failing call from its batch neighbours', async () => {
    const [ok, bad] = await Promise.allSettled([engine.run('core.info', []), engine.run('no.such.op', [])]);
    expect(ok.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    const err = (bad as PromiseRejectedResult).reason as SigilError;
    expect(err).toBeInstanceOf(SigilError);
    expect(err.code).toBe('SIGIL_E_UNKNOWN_OP');
  });

  it('loads the native core in its worker threads (no silent wasm fallback)', async () => {
    const native = new Engine({ threads: 1, backend: 'native' });
    try {
      const [, backend] = await native.run('core.info', []);
      expect(new TextDecoder().decode(backend)).toBe('native');
    } finally {
      await native.close();
    }
  });

  it('validates its options', () => {
    expect(() => new Engine({ threads: 0 })).toThrow(RangeError);
    expect(() => new Engine({ maxBatch: 1.5 })).toThrow(/maxBatch/);
  });
});
