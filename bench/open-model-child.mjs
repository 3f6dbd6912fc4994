// Child of bench/open-speed.ts: opens a tree with the compiled engine and reports how long the
// full menu model took and the peak memory of this process and of the kconfig frontend.
import { readFileSync } from 'node:fs';

const [tree, output] = process.argv.slice(2);
const started = performance.now();
const { openSession } = await import(new URL('../dist/engine/open-session.js', import.meta.url).href);
const session = await openSession({ tree, output });
const elapsedMs = performance.now() - started;
const status = readFileSync(`/proc/${session.frontendPid}/status`, 'utf8');
const frontendPeakKb = Number(status.match(/^VmHWM:\s+(\d+)/m)?.[1] ?? 0);
const result = {
  elapsedMs,
  nodes: session.model.nodes.length,
  symbols: session.model.symbols.length,
  nodePeakKb: process.resourceUsage().maxRSS,
  frontendPeakKb,
};
await session.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
