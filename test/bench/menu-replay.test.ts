import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { menuconfig, type MenuProgram, tuxconf } from '../../bench/menu-programs.js';
import { MenuSession } from '../../bench/menu-session.js';
import { type Exchange, ReplayTerminal } from '../../bench/transcript.js';
import { SHORT_PASTE, shortScenario } from './short-scenario.js';

/**
 * The benchmark's reading of real output: the short scenario replayed against transcripts of
 * real runs of both programs (recorded by record-transcripts.ts in a pty at 80x24). Replaying
 * fails if the scenario would send other bytes than it sent to the real program.
 */
function transcript(name: string): Exchange[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}-short.json`, import.meta.url), 'utf8')) as Exchange[];
}

async function replay(program: MenuProgram, name: string) {
  const exchanges = transcript(name);
  const terminal = new ReplayTerminal(exchanges);
  const session = new MenuSession(terminal, program);
  const run = await shortScenario(session, () => session.start({ argv: [], env: {} }, 60_000));
  return { run, exchanges, terminal, session };
}

const sends = (exchanges: Exchange[]) => exchanges.filter((exchange): exchange is Extract<Exchange, { op: 'send' }> => exchange.op === 'send');
const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

for (const [program, name, down] of [
  [menuconfig, 'menuconfig', '\x1bOB'],
  [tuxconf, 'tuxconf', '\x1b[B'],
] as const) {
  describe(`reading ${program.name} from a recorded run`, () => {
    it('uses the whole transcript, sending exactly the bytes sent to the real program', async () => {
      const { terminal } = await replay(program, name);
      assert.equal(terminal.remaining, 0);
    });

    it('ends the start at the last byte before the first key, with General setup under the cursor', async () => {
      const { run, exchanges } = await replay(program, name);
      const firstSend = exchanges.findIndex((exchange) => exchange.op === 'send');
      const lastRead = exchanges.slice(0, firstSend).filter((exchange): exchange is Extract<Exchange, { op: 'read' }> => exchange.op === 'read').at(-1);
      assert.equal(run.firstMenuMs, lastRead?.reply.chunks.at(-1)?.[0]);
      assert.match(run.firstSelected, /General setup/);
    });

    it(`sends Down as ${JSON.stringify(down)}, as a terminal does in the mode ${program.name} set`, async () => {
      const { exchanges } = await replay(program, name);
      const arrows = sends(exchanges).map((exchange) => text(exchange.data)).filter((data) => /^\x1b[[O][AB]$/.test(data));
      assert.ok(arrows.length >= 6);
      for (const arrow of arrows) assert.equal(arrow, down);
    });

    it('counts each move to its last byte and all its bytes, and sees the cursor go down', async () => {
      const { run, exchanges } = await replay(program, name);
      const moveSends = sends(exchanges).filter((exchange) => text(exchange.data) === down).slice(-6);
      run.moves.forEach((move, index) => {
        const recorded = moveSends[index]!.reply;
        assert.equal(move.latencyMs, recorded.chunks.at(-1)![0] - recorded.sentMs);
        assert.equal(move.bytes, recorded.chunks.reduce((sum, [, data]) => sum + Buffer.from(data, 'base64').length, 0));
        assert.equal(move.changed, true);
      });
      assert.equal(new Set(run.movedTo).size, 6, `six different rows: ${run.movedTo.join(' | ')}`);
    });

    it('sees the bool flip with each toggle', async () => {
      const { run } = await replay(program, name);
      assert.match(run.toggledLines[0]!, /Automatically append version information/);
      const values = run.toggledLines.map((line) => line.includes('[*]'));
      assert.deepEqual(values, [values[0], !values[0], values[0]]);
    });

    it('reads the search box and the results', async () => {
      const { run, session } = await replay(program, name);
      const [timing] = run.search;
      assert.equal(timing?.word, 'e1000e');
      // tuxconf answers every keystroke; menuconfig answers Enter.
      assert.equal(timing?.keys.length, program.search === 'live' ? 6 : 1);
      // After the paste: tuxconf shows the end of it in its box; menuconfig, after Enter, its results.
      if (program.search === 'live') assert.ok(session.program.searchInput(session.screen).endsWith(SHORT_PASTE.slice(-12)));
      else assert.ok(session.program.showsSearchResults(session.screen));
      assert.equal(run.paste.enter !== undefined, program.search === 'on-enter');
      assert.equal(run.paste.paste.timedOut, false);
    });

    it('sums the memory of the program and what it started', async () => {
      const { run } = await replay(program, name);
      const names = run.memory.map((process) => process.name);
      if (program === tuxconf) assert.deepEqual([...new Set(names)].sort(), ['node', 'tuxconf-kconfig']);
      else assert.ok(names.includes('mconf') && names.includes('make'), names.join(' '));
      for (const process of run.memory) assert.ok(process.hwmKb >= process.rssKb);
    });
  });
}
