// Child of bench/start-speed.ts: opens a tree with a compiled engine (DIST, so that an older build can be
// measured in the same run) and reports, as epoch milliseconds, when the session could draw its first menu
// and when the kconfig frontend was ready, with the peak memory of this process and of the frontend.
import { readFileSync } from 'node:fs';

const [dist, tree, output] = process.argv.slice(2);
const at = () => performance.timeOrigin + performance.now();
const { openSession } = await import(`${dist}/engine/open-session.js`);
const imported = at();
const session = await openSession({ tree, output, early: true });
const drawable = at();
await session.ready;
const ready = at();
let frontendPeakKb = 0;
try {
  frontendPeakKb = Number(readFileSync(`/proc/${session.frontendPid}/status`, 'utf8').match(/^VmHWM:\s+(\d+)/m)?.[1] ?? 0);
} catch {
  // The frontend has ended: its peak is unknown.
}
const nodes = session.model.nodes.length;
const value = session.value('E1000E');
await session.close();
process.stdout.write(
  `${JSON.stringify({ imported, drawable, ready, closed: at(), nodes, value, nodePeakKb: process.resourceUsage().maxRSS, frontendPeakKb })}\n`,
);
