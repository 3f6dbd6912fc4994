/**
 * The conflict benchmark, modelled on ConfigFix's evaluation: from three starting configs
 * (x86_64 tinyconfig, x86_64_defconfig, Debian's amd64 config) a seeded random sample of
 * (symbol, value) requests that `set` refuses as things stand. For each: plan a fix (timed),
 * and when there is one, apply it, save, and have the kernel's `make olddefconfig` judge the
 * saved file (unchanged, value kept). Requests answered "impossible" are checked against the
 * kernel's own allyesconfig / allmodconfig / allnoconfig with the same frozen symbols
 * (COMPILE_TEST=n, 64BIT=y): a value one of them reaches was possible after all.
 *
 *   npm run bench:fix -- [--per-base N] [--seed S] [--budget MS] [--json FILE]
 *
 * Prints a markdown report; --json writes every request's record.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_FROZEN } from '../src/engine/fix-plan.js';
import { openSession } from '../src/engine/open-session.js';
import type { Session } from '../src/engine/session.js';
import { debianConfig, kernelTree } from '../test/support/kernel-trees.js';

type Base = 'tinyconfig' | 'x86_64_defconfig' | 'debian-amd64';

interface Record {
  base: Base;
  name: string;
  value: string;
  status: 'fixable' | 'impossible' | 'met';
  blocker?: string;
  blockerSymbol?: string | null;
  changes: number;
  effects: number;
  planMs: number;
  frontendMs: number;
  candidates: number;
  rejected: number;
  applied?: boolean;
  olddefconfigHolds?: boolean;
  oracle?: 'confirmed' | 'possible' | 'unknown';
}

const TREE = kernelTree('6.12');

function make(out: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  execFileSync('make', ['-s', '-C', TREE, `O=${out}`, 'ARCH=x86', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** A deterministic generator (mulberry32), so that a seed names a sample. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function baseConfig(work: string, base: Base): Promise<string> {
  const out = join(work, `base-${base}`);
  await mkdir(out, { recursive: true });
  if (base === 'debian-amd64') await writeFile(join(out, '.config'), debianConfig('6.12'));
  else make(out, base === 'tinyconfig' ? ['ARCH=x86_64', 'tinyconfig'] : ['x86_64_defconfig']);
  make(out, ['olddefconfig']);
  return out;
}

/** Every (symbol, value) of a bool/tristate symbol with a prompt that `set` refuses now. */
function refusedRequests(session: Session): { name: string; value: string }[] {
  const requests: { name: string; value: string }[] = [];
  for (const info of session.model.symbols) {
    if (!info.prompt || (info.type !== 'bool' && info.type !== 'tristate')) continue;
    const state = session.state.symbols[info.index]!;
    for (const value of info.type === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y']) {
      if (value !== state.value && !state.allowed.includes(value as 'n')) requests.push({ name: info.name, value });
    }
  }
  return requests;
}

function sample<T>(items: T[], count: number, next: () => number): T[] {
  const pool = items.slice();
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
  return chosen;
}

/** The kernel's extreme configs with the frozen symbols pinned: what values are reachable at all, at least. */
async function oracles(work: string): Promise<Map<string, Map<string, string>>> {
  const pins = join(work, 'pins.config');
  await writeFile(pins, `${DEFAULT_FROZEN.map((name) => (name === '64BIT' ? 'CONFIG_64BIT=y' : `# CONFIG_${name} is not set`)).join('\n')}\n`);
  const result = new Map<string, Map<string, string>>();
  for (const target of ['allyesconfig', 'allmodconfig', 'allnoconfig']) {
    const out = join(work, target);
    await mkdir(out, { recursive: true });
    make(out, [target], { KCONFIG_ALLCONFIG: pins });
    const values = new Map<string, string>();
    for (const line of (await readFile(join(out, '.config'), 'utf8')).split('\n')) {
      const set = line.match(/^CONFIG_(\w+)=(.*)$/);
      const unset = line.match(/^# CONFIG_(\w+) is not set$/);
      if (set) values.set(set[1]!, set[2]!);
      else if (unset) values.set(unset[1]!, 'n');
    }
    result.set(target, values);
  }
  return result;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function runBase(work: string, base: Base, count: number, next: () => number, budget: number, all: Map<string, Map<string, string>>): Promise<Record[]> {
  const out = await baseConfig(work, base);
  const session = await openSession({ tree: TREE, output: out });
  const records: Record[] = [];
  try {
    const requests = sample(refusedRequests(session), count, next);
    for (const request of requests) {
      const started = performance.now();
      const plan = await session.planFix([request], { budgetMs: budget });
      const planMs = performance.now() - started;
      const target = plan.targets[0]!;
      const record: Record = {
        base,
        name: request.name,
        value: request.value,
        status: target.status,
        blocker: target.blocker?.kind,
        blockerSymbol: target.blocker?.symbol,
        changes: plan.changes.length,
        effects: plan.effects.length,
        planMs,
        frontendMs: plan.stats.ms,
        candidates: plan.stats.candidates,
        rejected: plan.stats.rejected,
      };
      if (target.status === 'fixable') {
        const outcome = await session.applyFix(plan);
        record.applied = outcome.ok;
        if (outcome.ok) {
          const check = join(work, 'check');
          await mkdir(check, { recursive: true });
          await session.save({ path: join(check, '.config') });
          const saved = await readFile(join(check, '.config'), 'utf8');
          make(check, ['olddefconfig']);
          const after = await readFile(join(check, '.config'), 'utf8');
          const kept =
            request.value === 'n' ? !after.match(new RegExp(`^CONFIG_${request.name}=`, 'm')) : after.includes(`\nCONFIG_${request.name}=${request.value}\n`);
          record.olddefconfigHolds = after === saved && kept;
          await session.undo();
        }
      } else if (target.status === 'impossible') {
        const reference = all.get(request.value === 'y' ? 'allyesconfig' : request.value === 'm' ? 'allmodconfig' : 'allnoconfig')!;
        record.oracle = (reference.get(request.name) ?? 'n') === request.value ? 'possible' : 'confirmed';
      }
      records.push(record);
      process.stderr.write(
        `${base} ${request.name}=${request.value}: ${record.status}${record.blocker ? ` (${record.blocker})` : ''} ${record.changes} changes ${planMs.toFixed(0)} ms${record.olddefconfigHolds === false ? ' OLDDEFCONFIG DIFFERS' : ''}\n`,
      );
    }
  } finally {
    await session.close();
  }
  return records;
}

function report(records: Record[], seed: number, budget: number): string {
  const fixable = records.filter((r) => r.status === 'fixable');
  const impossible = records.filter((r) => r.status === 'impossible');
  const searchFailed = impossible.filter((r) => r.blocker === 'not-found' || r.blocker === 'timeout');
  const falseImpossible = impossible.filter((r) => r.oracle === 'possible');
  const haveFix = fixable.length + falseImpossible.length + searchFailed.filter((r) => r.oracle !== 'possible').length;
  const sizes = fixable.map((r) => r.changes);
  const times = records.map((r) => r.planMs);
  const fixTimes = fixable.map((r) => r.planMs);
  const applied = fixable.filter((r) => r.applied);
  const holds = applied.filter((r) => r.olddefconfigHolds);
  const kinds = new Map<string, number>();
  for (const r of impossible) kinds.set(r.blocker ?? '?', (kinds.get(r.blocker ?? '?') ?? 0) + 1);
  const lines = [
    `Seed ${seed}, budget ${budget} ms, ${records.length} requests (${['tinyconfig', 'x86_64_defconfig', 'debian-amd64'].map((b) => `${records.filter((r) => r.base === b).length} from ${b}`).join(', ')}).`,
    `Machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| requests | ${records.length} |`,
    `| got a fix | ${fixable.length} (${((100 * fixable.length) / records.length).toFixed(1)}%) |`,
    `| reported impossible | ${impossible.length} (${[...kinds]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}) |`,
    `| impossible, kernel's all*config reaches the value neither | ${impossible.filter((r) => r.oracle === 'confirmed').length} of ${impossible.length} |`,
    `| impossible, but an all*config reaches the value (false "impossible") | ${falseImpossible.length} |`,
    `| fix found, of those that have one (lower bound of "have one": fixed + false impossible + search gave up) | ${fixable.length} of ${haveFix} (${((100 * fixable.length) / Math.max(1, haveFix)).toFixed(1)}%) |`,
    `| fix size (changes), median / p95 / max | ${quantile(sizes, 0.5)} / ${quantile(sizes, 0.95)} / ${Math.max(0, ...sizes)} |`,
    `| time per request (plan, wall), median / p95 / max | ${quantile(times, 0.5).toFixed(0)} / ${quantile(times, 0.95).toFixed(0)} / ${Math.max(0, ...times).toFixed(0)} ms |`,
    `| time per fix (plan, wall), median / p95 | ${quantile(fixTimes, 0.5).toFixed(0)} / ${quantile(fixTimes, 0.95).toFixed(0)} ms |`,
    `| candidates kconfig rejected (CEGAR rounds) | ${fixable.reduce((sum, r) => sum + r.rejected, 0)} in ${fixable.filter((r) => r.rejected > 0).length} requests |`,
    `| applied fixes that hold under make olddefconfig | ${holds.length} of ${applied.length} (${((100 * holds.length) / Math.max(1, applied.length)).toFixed(1)}%) |`,
  ];
  for (const base of ['tinyconfig', 'x86_64_defconfig', 'debian-amd64'] as const) {
    const mine = records.filter((r) => r.base === base);
    const fixed = mine.filter((r) => r.status === 'fixable');
    lines.push(
      `| ${base}: fixed / impossible, size median / p95, time median / p95 | ${fixed.length} / ${mine.length - fixed.length}, ${quantile(
        fixed.map((r) => r.changes),
        0.5,
      )} / ${quantile(
        fixed.map((r) => r.changes),
        0.95,
      )}, ${quantile(
        mine.map((r) => r.planMs),
        0.5,
      ).toFixed(0)} / ${quantile(
        mine.map((r) => r.planMs),
        0.95,
      ).toFixed(0)} ms |`,
    );
  }
  if (falseImpossible.length > 0)
    lines.push('', `False "impossible": ${falseImpossible.map((r) => `${r.base}:${r.name}=${r.value} (${r.blocker})`).join(', ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'per-base': { type: 'string' }, seed: { type: 'string' }, budget: { type: 'string' }, json: { type: 'string' } } });
  const perBase = Number(values['per-base'] ?? 110);
  const seed = Number(values.seed ?? 12);
  const budget = Number(values.budget ?? 4000);
  const next = random(seed);
  const work = await mkdtemp(join(tmpdir(), 'tuxconf-bench-fix-'));
  try {
    const all = await oracles(work);
    const records: Record[] = [];
    for (const base of ['tinyconfig', 'x86_64_defconfig', 'debian-amd64'] as const) records.push(...(await runBase(work, base, perBase, next, budget, all)));
    if (values.json) await writeFile(values.json, `${JSON.stringify(records, null, 2)}\n`);
    process.stdout.write(`${report(records, seed, budget)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
