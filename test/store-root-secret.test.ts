import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateRootSecret } from '../src/store/index.ts';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sigil-root-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function code(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return (e as { code?: string }).code; }
  return undefined;
}

describe('root secret file', () => {
  it('is created once, 32 random bytes, mode 0600', () => {
    const path = join(dir, 'sub', 'root.key');
    const a = loadOrCreateRootSecret(path);
    expect(a.length).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateRootSecret(path)).toEqual(a);
    expect(new Uint8Array(readFileSync(path))).toEqual(a);
    const other = loadOrCreateRootSecret(join(dir, 'other.key'));
    expect(Buffer.from(other).equals(Buffer.from(a))).toBe(false);
  });

  it('refuses a file of the wrong length or readable by others', () => {
    const short = join(dir, 'short.key');
    writeFileSync(short, Buffer.alloc(31), { mode: 0o600 });
    expect(code(() => loadOrCreateRootSecret(short))).toBe('SIGIL_E_ROOT_SECRET');
    const open = join(dir, 'open.key');
    writeFileSync(open, Buffer.alloc(32), { mode: 0o600 });
    chmodSync(open, 0o644);
    expect(code(() => loadOrCreateRootSecret(open))).toBe('SIGIL_E_ROOT_SECRET');
  });
});
