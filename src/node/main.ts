/**
 * Node process entry: `tsx src/node/main.ts --id N --data DIR --listen HOST:PORT --certs DIR`.
 * Prints one JSON line `{"event":"listening","node":N,"port":P}` when ready.
 */
import { parseArgs } from 'node:util';
import { ensureProcessCert } from '../transport/index.ts';
import { Node } from './node.ts';

const { values } = parseArgs({
  options: { id: { type: 'string' }, data: { type: 'string' }, listen: { type: 'string', default: 'localhost:0' }, certs: { type: 'string' } },
});
const id = Number(values.id);
if (!Number.isInteger(id) || id < 1 || id > 255 || !values.data || !values.certs) {
  console.error('usage: node/main.ts --id 1..255 --data DIR --certs DIR [--listen HOST:PORT]');
  process.exit(2);
}
const { node, port } = await Node.start({ id, dataDir: values.data, listen: values.listen!, tls: ensureProcessCert(values.certs, `node-${id}`) });
console.log(JSON.stringify({ event: 'listening', node: id, port }));
const shutdown = () => void node.stop().finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
