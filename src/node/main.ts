/**
 * Node process entry: `tsx src/node/main.ts --id N --data DIR --listen HOST:PORT --certs DIR [--paillier-pool K]`.
 * Prints one JSON line `{"event":"listening","node":N,"port":P}` when ready.
 */
import { parseArgs } from 'node:util';
import { ensureProcessCert } from '../transport/index.ts';
import { Node } from './node.ts';

const { values } = parseArgs({
  options: {
    id: { type: 'string' }, data: { type: 'string' }, listen: { type: 'string', default: 'localhost:0' }, certs: { type: 'string' },
    'paillier-pool': { type: 'string', default: '1' },
  },
});
const id = Number(values.id);
const paillierPool = Number(values['paillier-pool']);
if (!Number.isInteger(id) || id < 1 || id > 255 || !values.data || !values.certs || !Number.isInteger(paillierPool) || paillierPool < 0 || paillierPool > 64) {
  console.error('usage: node/main.ts --id 1..255 --data DIR --certs DIR [--listen HOST:PORT] [--paillier-pool 0..64]');
  process.exit(2);
}
const { node, port } = await Node.start({ id, dataDir: values.data, listen: values.listen!, tls: ensureProcessCert(values.certs, `node-${id}`), paillierPool });
console.log(JSON.stringify({ event: 'listening', node: id, port }));
const shutdown = () => void node.stop().finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
