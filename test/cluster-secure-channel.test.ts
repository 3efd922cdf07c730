import { describe, expect, it } from 'vitest';
import { SecureChannel } from '../src/cluster/index.ts';
import { loadCore, type Core } from '../src/core/index.ts';
import { expectCode } from './helpers.ts';

function identity(core: Core): { secret: Uint8Array; public: Uint8Array } {
  const [secret, pub] = core.call('wire.identity_generate', []);
  return { secret: secret!, public: pub! };
}

async function pair() {
  const core = await loadCore('native');
  const [a, b, c] = [identity(core), identity(core), identity(core)];
  const alice = new SecureChannel(core, 1, a.secret);
  const bob = new SecureChannel(core, 2, b.secret);
  const mallory = new SecureChannel(core, 3, c.secret);
  for (const ch of [alice, bob, mallory]) {
    ch.setPeer(1, a.public);
    ch.setPeer(2, b.public);
    ch.setPeer(3, c.public);
  }
  return { core, alice, bob, mallory, a, b, c };
}

describe('sealed, signed envelopes between nodes (the coordinator only relays)', () => {
  it('round-trips a bundle', async () => {
    const { alice, bob } = await pair();
    const env = alice.seal('s1', 1, 2, new Uint8Array([1, 2, 3]));
    expect(Buffer.from(env.payload).includes(Buffer.from([1, 2, 3]))).toBe(false);
    expect(bob.open(env)).toEqual({ session: 's1', bundle: new Uint8Array([1, 2, 3]) });
  });

  it('rejects a tampered payload, header or signature', async () => {
    const { alice, bob } = await pair();
    const env = alice.seal('s1', 1, 2, new Uint8Array([1, 2, 3]));
    const body = env.payload.slice();
    body[body.length - 1]! ^= 1;
    expectCode(() => bob.open({ ...env, payload: body }), 'SIGIL_E_SIGNATURE_INVALID');
    expect(() => bob.open({ ...env, round: 2 })).toThrow();
    const sig = env.signature.slice();
    sig[0]! ^= 1;
    expectCode(() => bob.open({ ...env, signature: sig }), 'SIGIL_E_SIGNATURE_INVALID');
  });

  it('rejects a replayed or reordered envelope', async () => {
    const { alice, bob } = await pair();
    const first = alice.seal('s1', 1, 2, new Uint8Array([1]));
    const second = alice.seal('s1', 2, 2, new Uint8Array([2]));
    bob.open(first);
    bob.open(second);
    expectCode(() => bob.open(first), 'SIGIL_E_ENVELOPE_REPLAYED');
  });

  it('rejects an envelope from an unknown node or forged under another identity', async () => {
    const { bob, mallory } = await pair();
    expectCode(() => bob.open({ ...mallory.seal('s1', 1, 2, new Uint8Array([1])), from: 9 }), 'SIGIL_E_UNKNOWN_PARTY');
    // Mallory (node 3) claims to be node 1: the signature check against node 1's key fails.
    const forged = { ...mallory.seal('s1', 1, 2, new Uint8Array([1])), from: 1 };
    expect(() => bob.open(forged)).toThrow();
  });

  it('refuses to change a pinned peer identity', async () => {
    const { core, alice } = await pair();
    expectCode(() => alice.setPeer(2, identity(core).public), 'SIGIL_E_UNKNOWN_PARTY', [2]);
  });
});
