/**
 * `npm run profile`: runs the coordinator of a local cluster under V8's CPU
 * profiler while autocannon drives signing, then writes the profile
 * (`bench/results/coordinator.cpuprofile`, open it in Chrome DevTools or
 * speedscope as a flame graph) and its top frames by self time
 * (`bench/results/profile.md`).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { startLocalCluster } from '../src/cli/up.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }

const profDir = resolve(`.sigil-profile-${process.pid}`);
mkdirSync(profDir, { recursive: true });
const cluster = await startLocalCluster({ dir: join(profDir, 'cluster'), pool: 4096, paillierPool: 0, coordinatorNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
try {
  const res = await fetch(`${cluster.url}/v1/keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ protocol: 'frost-ed25519', t: 2, n: 3 }) });
  const key = (await res.json()) as { id: string };
  await new Promise((r) => setTimeout(r, 3000));
  await new Promise<void>((done, fail) => autocannon({
    url: `${cluster.url}/v1/keys/${key.id}/sign`, method: 'POST', headers: { 'content-type': 'application/json' }, connections: 32, duration: 15,
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ message: randomBytes(32).toString('hex') }) }) }],
  }, (err) => (err ? fail(err) : done())));
} finally {
  await cluster.stop();
}
const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('the coordinator wrote no CPU profile');
const out = new URL('../bench/results/', import.meta.url);
mkdirSync(out, { recursive: true });
const target = join(out.pathname, 'coordinator.cpuprofile');
renameSync(join(profDir, file), target);
rmSync(profDir, { recursive: true, force: true });
const profile = JSON.parse(readFileSync(target, 'utf8')) as { nodes: ProfileNode[] };
const total = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
const byFrame = new Map<string, number>();
for (const n of profile.nodes) {
  const where = n.callFrame.url ? `${n.callFrame.url.replace(/^.*\/(node_modules|src)\//, '$1/')}:${n.callFrame.lineNumber + 1}` : '(native)';
  const name = `${n.callFrame.functionName || '(anonymous)'} ${where}`;
  byFrame.set(name, (byFrame.get(name) ?? 0) + (n.hitCount ?? 0));
}
const top = [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 20);
const lines = ['# Coordinator CPU profile under signing load (self time)', '', '| frame | self % |', '| --- | ---: |', ...top.map(([f, h]) => `| ${f} | ${((100 * h) / total).toFixed(1)} |`), ''];
writeFileSync(join(out.pathname, 'profile.md'), lines.join('\n'));
console.log(lines.join('\n'));
