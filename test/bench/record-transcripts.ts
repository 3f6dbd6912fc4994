/**
 * Records the short scenario (short-scenario.ts) against the real programs, as fixtures for
 * bench/test/menu-replay.test.ts. Run it again when the scenario or the programs' screens change:
 *
 *   npm run build && node --import tsx bench/test/record-transcripts.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debianConfig, kernelTree } from '../support/kernel-trees.js';
import { menuconfig, type MenuProgram, tuxconf } from '../../bench/menu-programs.js';
import { MenuSession } from '../../bench/menu-session.js';
import { PtyDriver } from '../../bench/pty-driver.js';
import { RecordingTerminal } from '../../bench/transcript.js';
import { shortScenario } from './short-scenario.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/tuxconf', import.meta.url));
const tree = kernelTree('6.12');
const work = mkdtempSync(join(tmpdir(), 'tuxconf-record-'));
try {
  for (const program of [menuconfig, tuxconf] as MenuProgram[]) {
    const output = join(work, program === tuxconf ? 'tuxconf' : 'menuconfig');
    mkdirSync(output);
    writeFileSync(join(output, '.config'), debianConfig('6.12'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', LANG: 'C.UTF-8', TUXCONF_CACHE_DIR: join(work, 'cache'), TUXCONF_STATE_DIR: join(work, 'state') };
    const spawn = { argv: program.argv({ bin, output }), env, cwd: tree };
    // The first start builds mconf / the frontend; the recorded one is a warm start.
    const warmUp = new MenuSession(new PtyDriver(), program);
    await warmUp.start(spawn, 300_000);
    await warmUp.close();
    const recording = new RecordingTerminal(new PtyDriver());
    const session = new MenuSession(recording, program);
    await shortScenario(session, () => session.start(spawn, 120_000));
    const name = program === tuxconf ? 'tuxconf' : 'menuconfig';
    writeFileSync(join(fixtures, `${name}-short.json`), `${JSON.stringify(recording.exchanges)}\n`);
    process.stderr.write(`recorded ${name}: ${recording.exchanges.length} exchanges\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
