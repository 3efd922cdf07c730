/**
 * Self-signed certificates for a local cluster: one CA and one certificate
 * per process (server and client auth, SAN `localhost` and `127.0.0.1`).
 * Generated with the `openssl` CLI (Debian package `openssl`, present on a
 * fresh machine) because node:crypto cannot issue X.509 certificates.
 * Keys are ECDSA P-256, written with mode 0600; nothing is regenerated when
 * the files exist.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SigilError } from '../core/errors.ts';

/** PEM file paths of one process's TLS identity. */
export interface TlsFiles {
  readonly ca: string;
  readonly key: string;
  readonly cert: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

function openssl(args: readonly string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    const detail = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0] ?? String(e);
    throw new SigilError('SIGIL_E_TLS_MATERIAL', `openssl ${args[0]} failed: ${detail}`);
  }
}

/**
 * Create (once) the cluster CA in `dir`.
 * @throws {SigilError} SIGIL_E_TLS_MATERIAL when openssl is missing or fails.
 */
export function ensureCa(dir: string): { ca: string; caKey: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  if (!existsSync(ca) || !existsSync(caKey)) {
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=sigil-local-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
    chmodSync(caKey, 0o600);
  }
  return { ca, caKey };
}

/**
 * Create (once) the certificate of process `name` (e.g. `coordinator`, `node-1`), signed by the CA in `dir`.
 * @throws {RangeError} for a name that is not a lowercase DNS label.
 * @throws {SigilError} SIGIL_E_TLS_MATERIAL when openssl fails.
 */
export function ensureProcessCert(dir: string, name: string): TlsFiles {
  if (!NAME.test(name)) throw new RangeError(`name must be a lowercase DNS label, got ${JSON.stringify(name)}`);
  const { ca } = ensureCa(dir);
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  if (existsSync(key) && existsSync(cert)) return { ca, key, cert };
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyAgreement',
    'extendedKeyUsage=serverAuth,clientAuth',
    `subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:${name}`,
    '',
  ].join('\n'));
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
  chmodSync(key, 0o600);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', `${name}.pem`, '-days', '825', '-sha256', '-extfile', `${name}.ext`], dir);
  rmSync(join(dir, `${name}.csr`), { force: true });
  rmSync(ext, { force: true });
  return { ca, key, cert };
}
