/**
 * The `sigil` command: `up` starts a local cluster; `keygen`, `sign`,
 * `keys` and `status` talk to a running one over its HTTP API
 * (`--url`, else `SIGIL_URL`, else `./.sigil/api-url`).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = `usage: sigil <command> [options]
  up [--dir DIR] [--nodes N] [--port P] [--presigs N] [--demo]   start a coordinator and N nodes (default 3)
  keygen --protocol P -t T -n N [--label L]         create a key (P: ecdsa-secp256k1 | frost-ed25519 | frost-secp256k1 | frost-taproot)
  sign --key ID --message HEX [--mode gg18]         sign one message (ECDSA: a 32-byte hash)
  keys                                               list keys
  status                                             nodes and health
common: --url URL  --json`;

function apiUrl(flag: string | undefined): string {
  if (flag) return flag;
  if (process.env.SIGIL_URL) return process.env.SIGIL_URL;
  try {
    return readFileSync('.sigil/api-url', 'utf8').trim();
  } catch {
    throw new Error('no cluster found: pass --url, set SIGIL_URL, or run `sigil up` here first');
  }
}

async function call(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${String(json.code ?? res.status)}: ${String(json.message ?? 'request failed')}`);
  return json;
}

function print(value: unknown, asJson: boolean): void {
  console.log(asJson ? JSON.stringify(value) : JSON.stringify(value, null, 2));
}

/** Run the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'up') {
      const { up } = await import('./up.ts');
      await up(rest);
      return 0;
    }
    const { values } = parseArgs({
      args: rest,
      options: {
        url: { type: 'string' }, json: { type: 'boolean', default: false }, protocol: { type: 'string' },
        t: { type: 'string', short: 't' }, n: { type: 'string', short: 'n' }, label: { type: 'string' },
        key: { type: 'string' }, message: { type: 'string' }, mode: { type: 'string' },
      },
    });
    const json = values.json ?? false;
    switch (command) {
      case 'keygen': {
        if (!values.protocol || !values.t || !values.n) throw new Error('keygen needs --protocol, -t and -n');
        print(await call(apiUrl(values.url), 'POST', '/v1/keys', { protocol: values.protocol, t: Number(values.t), n: Number(values.n), ...(values.label ? { label: values.label } : {}) }), json);
        return 0;
      }
      case 'sign': {
        if (!values.key || !values.message) throw new Error('sign needs --key and --message');
        print(await call(apiUrl(values.url), 'POST', `/v1/keys/${encodeURIComponent(values.key)}/sign`, { message: values.message, ...(values.mode ? { mode: values.mode } : {}) }), json);
        return 0;
      }
      case 'keys':
        print(await call(apiUrl(values.url), 'GET', '/v1/keys'), json);
        return 0;
      case 'status': {
        const url = apiUrl(values.url);
        print({ health: await call(url, 'GET', '/healthz').catch((e: Error) => ({ error: e.message })), ...(await call(url, 'GET', '/v1/nodes') as object) }, json);
        return 0;
      }
      default:
        console.error(USAGE);
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (err) {
    console.error(`sigil: ${(err as Error).message}`);
    return 1;
  }
}
