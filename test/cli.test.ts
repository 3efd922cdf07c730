import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.ts';

describe('sigil CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints usage and exits 0 for help, 2 for an unknown command', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['help'])).toBe(0);
    expect(await main(['frobnicate'])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/usage: sigil/);
  });

  it('rejects missing options with a clear message', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['keygen', '--url', 'http://127.0.0.1:9'])).toBe(1);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/keygen needs --protocol/);
    expect(await main(['sign', '--url', 'http://127.0.0.1:9', '--key', 'k'])).toBe(1);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/sign needs --key and --message/);
  });

  it('reports an unreachable cluster as an error, not a crash', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['keys', '--url', 'http://127.0.0.1:9'])).toBe(1);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/^sigil: /);
  });
});
