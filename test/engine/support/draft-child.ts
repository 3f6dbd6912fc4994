/**
 * A menu session's engine in a process of its own, for tests of what survives its death:
 * opens the config with drafts, makes the changes given as NAME=VALUE arguments (each its own
 * step), waits until they are in the draft, prints "ready" and then waits to be killed.
 * Usage: draft-child.ts TREE OUTPUT NAME=VALUE...
 */
import { openSession } from '../../../src/engine/open-session.js';

const [tree, output, ...requests] = process.argv.slice(2);
const session = await openSession({ tree, output, arch: 'x86', drafts: true });
for (const request of requests) {
  const eq = request.indexOf('=');
  const outcome = await session.set(request.slice(0, eq), request.slice(eq + 1));
  if (!outcome.ok) throw new Error(outcome.reason);
}
await session.flushDraft();
process.stdout.write(`ready ${session.holder ? `held-by ${session.holder.pid} ${session.holder.alive ? 'alive' : 'dead'}` : 'free'}\n`);
setInterval(() => undefined, 1 << 30);
