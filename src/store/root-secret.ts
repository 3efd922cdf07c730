/**
 * The node's 32-byte root secret: created once from the OS CSPRNG in a file
 * only the owner may read (0600, exclusive create, fsynced), then read back
 * on every start. The Rust core derives the master sealing key from it
 * (`wire.master_key`); it never leaves this process.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { SigilError } from '../core/errors.ts';

/** Length of the root secret. */
export const ROOT_SECRET_BYTES = 32;

function create(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as { code?: string }).code === 'EEXIST') return; // another process won the race
    throw e;
  }
  try {
    writeSync(fd, randomBytes(ROOT_SECRET_BYTES));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Read the root secret at `path`, creating it on first run.
 * @throws {SigilError} SIGIL_E_ROOT_SECRET when the file has the wrong length or is readable by others.
 */
export function loadOrCreateRootSecret(path: string): Uint8Array {
  create(path);
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new SigilError('SIGIL_E_ROOT_SECRET', `${path} must not be readable by group or others (chmod 600)`);
  }
  const bytes = readFileSync(path);
  if (bytes.length !== ROOT_SECRET_BYTES) {
    throw new SigilError('SIGIL_E_ROOT_SECRET', `${path} must hold exactly ${ROOT_SECRET_BYTES} bytes`);
  }
  return new Uint8Array(bytes);
}
