import { describe, expect, it } from 'vitest';
import { BROADCAST, RoundCollector, bundleOutbound, unbundle } from '../src/protocol/index.ts';
import { expectCode } from './helpers.ts';

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe('round bundles', () => {
  it('give every peer the broadcasts plus its own messages, in order', () => {
    const bundles = bundleOutbound(1, [1, 2, 3], [
      { to: BROADCAST, payload: b(1) },
      { to: 3, payload: b(3) },
      { to: 2, payload: b(2) },
    ]);
    expect([...bundles.keys()]).toEqual([2, 3]);
    expect(unbundle(1, bundles.get(2)!)).toEqual([{ from: 1, payload: b(1) }, { from: 1, payload: b(2) }]);
    expect(unbundle(1, bundles.get(3)!)).toEqual([{ from: 1, payload: b(1) }, { from: 1, payload: b(3) }]);
  });

  it('send an empty bundle to a peer with nothing to receive', () => {
    const bundles = bundleOutbound(1, [1, 2, 3], [{ to: 2, payload: b(9) }]);
    expect(unbundle(1, bundles.get(3)!)).toEqual([]);
  });

  it('reject a truncated bundle', () => {
    expectCode(() => unbundle(1, b(9, 0, 0, 0, 1)), 'SIGIL_E_BAD_FRAME');
  });
});

describe('round collector', () => {
  it('completes a round when every peer has sent, then moves on', () => {
    const c = new RoundCollector([2, 3]);
    c.add(1, 2, b(1));
    expect(c.complete).toBe(false);
    expect(c.missing()).toEqual([3]);
    c.add(2, 3, b(5)); // a peer one round ahead is buffered
    c.add(1, 3, b(2));
    expect(c.complete).toBe(true);
    expect([...c.take().entries()]).toEqual([[2, b(1)], [3, b(2)]]);
    expect(c.round).toBe(2);
    expect(c.missing()).toEqual([2]);
  });

  it('rejects strangers, replays, past rounds and far-future rounds', () => {
    const c = new RoundCollector([2, 3]);
    expectCode(() => c.add(1, 9, b()), 'SIGIL_E_UNKNOWN_PARTY');
    c.add(1, 2, b());
    expectCode(() => c.add(1, 2, b()), 'SIGIL_E_DUPLICATE_PARTY', [2]);
    c.add(1, 3, b());
    c.take();
    expectCode(() => c.add(1, 3, b()), 'SIGIL_E_WRONG_ROUND', [3]);
    expectCode(() => c.add(9, 3, b()), 'SIGIL_E_WRONG_ROUND', [3]);
    expectCode(() => c.take(), 'SIGIL_E_BUG');
  });
});
