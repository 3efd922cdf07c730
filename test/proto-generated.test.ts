import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { EnvelopeSchema } from '../src/gen/mpc/v1/envelope_pb.ts';

const root = new URL('..', import.meta.url).pathname;

describe('generated protobuf types', () => {
  it('are up to date with proto/ (run `npm run gen:proto` after editing a .proto)', () => {
    const out = mkdtempSync(join(tmpdir(), 'sigil-gen-'));
    try {
      execFileSync(join(root, 'node_modules/.bin/buf'), ['generate', '--output', out], { cwd: root, stdio: 'pipe' });
      const dir = join('src', 'gen', 'mpc', 'v1');
      const files = readdirSync(join(root, dir)).sort();
      expect(readdirSync(join(out, dir)).sort()).toEqual(files);
      for (const f of files) expect(readFileSync(join(out, dir, f), 'utf8')).toBe(readFileSync(join(root, dir, f), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('round-trip an envelope through the protobuf encoding', () => {
    const env = create(EnvelopeSchema, { sessionId: new Uint8Array([1, 2]), round: 3, from: 1, to: 2, seq: 9n, payload: new Uint8Array([7]), signature: new Uint8Array(64) });
    expect(fromBinary(EnvelopeSchema, toBinary(EnvelopeSchema, env))).toEqual(env);
  });
});
