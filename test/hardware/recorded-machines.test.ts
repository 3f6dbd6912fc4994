/**
 * The hardware features with the live /proc and /sys replaced by a recorded laptop and a recorded
 * server (fixtures/hardware/NAME laid out as the machine's own tree by test/support/machine-root.ts):
 * `tuxconf suggest` and `tuxconf trim` read the machine the command's io names, and the TUI's
 * hardware pane reads the root its source names, through the same code that reads the running
 * machine. Both must give what the machine's capture gives, on Debian 6.12's cloud config.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { suggestCommand } from '../../src/cli/commands/suggest.js';
import { trimCommand } from '../../src/cli/commands/trim.js';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { INPUT_NAMES, inputState } from '../../src/features/hardware/hardware-inputs.js';
import { computeSuggestions, type HardwareReport } from '../../src/features/hardware/suggestions.js';
import { debianConfig, kernelTree, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { captureOf, type RecordedMachine, withRecordedRoot } from '../support/machine-root.js';
import { cursorLine, KEYS, renderTui, type Tui } from '../ui/support/tui-harness.js';
import { runCommand } from './support/run-command.js';

const MACHINES: readonly RecordedMachine[] = ['laptop', 'server'];
const CLOUD = (): string => debianConfig('6.12', 'amd64_none_cloud-amd64');

interface SuggestJson {
  origin: string;
  kernelRelease: string | null;
  inputs: { name: string; state: string }[];
  suggestions: { name: string; value: string }[];
  satisfied: { name: string }[];
}

const namesOf = (report: Pick<SuggestJson, 'suggestions' | 'satisfied'>) => ({
  suggestions: report.suggestions.map((entry) => `${entry.name}=${entry.value}`),
  satisfied: report.satisfied.map((entry) => entry.name),
});

describe('tuxconf suggest and trim on a recorded laptop and a recorded server instead of this machine', () => {
  for (const machine of MACHINES) {
    it(`${machine}: suggest reads the recorded machine and suggests what its capture suggests`, async () => {
      const capture = await readCapture(captureOf(machine));
      await withTempDir(`recorded-suggest-${machine}`, async (dir) => {
        const out = await outputDirWith(dir, 'out', CLOUD());
        const argv = ['-C', kernelTree('6.12'), '-O', out, '--json'];
        const fromRoot = await withRecordedRoot(machine, (root) => runCommand(suggestCommand, argv, process.env, root));
        assert.equal(fromRoot.exitCode, 0, fromRoot.stderr);
        const report = JSON.parse(fromRoot.stdout) as SuggestJson;
        assert.equal(report.origin, `recorded ${machine}`, 'the report names the recorded machine, not this one');
        assert.equal(report.kernelRelease, capture.kernelRelease);
        assert.deepEqual(
          report.inputs.map((input) => `${input.name}: ${input.state}`),
          INPUT_NAMES.map((name) => `${name}: ${inputState(capture.inputs[name])}`),
        );
        const fromCapture = await runCommand(suggestCommand, [...argv, '--hw-from', captureOf(machine)]);
        assert.equal(fromCapture.exitCode, 0, fromCapture.stderr);
        assert.deepEqual(namesOf(report), namesOf(JSON.parse(fromCapture.stdout) as SuggestJson));
        assert.ok(report.suggestions.length > 10, "a real machine's worth of suggestions");
      });
    });

    it(`${machine}: trim --dry-run plans from the recorded machine what it plans from its capture, and saves nothing`, async () => {
      await withTempDir(`recorded-trim-${machine}`, async (dir) => {
        const out = await outputDirWith(dir, 'out', CLOUD());
        const before = await readFile(join(out, '.config'), 'utf8');
        const argv = ['-C', kernelTree('6.12'), '-O', out, '--dry-run'];
        const fromRoot = await withRecordedRoot(machine, (root) => runCommand(trimCommand, argv, process.env, root));
        assert.equal(fromRoot.exitCode, 0, fromRoot.stderr);
        assert.match(fromRoot.stdout, /^Trim: would turn off \d+ module symbols, kept \d+\.$/m);
        assert.match(fromRoot.stderr, new RegExp(`recorded ${machine}`), "the inputs are said to be the recorded machine's");
        const fromCapture = await runCommand(trimCommand, [...argv, '--hw-from', captureOf(machine)]);
        assert.equal(fromCapture.exitCode, 0, fromCapture.stderr);
        assert.equal(fromRoot.stdout, fromCapture.stdout, 'the same plan, line for line');
        assert.equal(await readFile(join(out, '.config'), 'utf8'), before);
      });
    });
  }
});

describe('the hardware pane on a recorded laptop and a recorded server instead of this machine', () => {
  let dir = '';
  let session: Session | undefined;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tuxconf-recorded-pane-'));
    await writeFile(join(dir, '.config'), CLOUD());
    session = await openSession({ tree: kernelTree('6.12'), output: dir, env: { ...process.env, NO_COLOR: '1' } });
  });
  after(async () => {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const opened = (): Session => {
    assert.ok(session, 'the 6.12 tree is open');
    return session;
  };
  let tui: Tui | undefined;
  afterEach(async () => {
    tui?.unmount();
    tui = undefined;
    while (await opened().undo()) {
      // back to the loaded config for the next test
    }
  });

  for (const machine of MACHINES) {
    it(`${machine}: lists the capture's suggestions for the recorded machine, accepts one and undoes it`, async () => {
      const capture = await readCapture(captureOf(machine));
      const expected: HardwareReport = await computeSuggestions(opened(), capture);
      const failed = INPUT_NAMES.filter((name) => inputState(capture.inputs[name]) === 'failed');
      assert.deepEqual(failed, ['consoles'], 'recorded before tuxconf read /proc/consoles (fixtures/hardware/README.md)');
      const first = expected.suggestions[0]!;
      await withRecordedRoot(machine, async (root) => {
        tui = await renderTui(opened(), undefined, { hardwareSource: { root } });
        await tui.press('d');
        const frame = await tui.waitFor((text) => /\d+ suggestions? \(\d+ already configured\) for /.test(text), 'the suggestions', 60_000);
        assert.match(
          frame,
          new RegExp(
            `^${expected.suggestions.length} suggestions \\(${expected.satisfied.length} already configured\\) for .*${machine} \\(kernel ${capture.kernelRelease!.replace(/[.+]/g, '\\$&')}\\)$`,
            'm',
          ),
        );
        assert.match(frame, new RegExp(`^Failed inputs: ${failed.join(', ')}$`, 'm'), 'the inputs the recorded machine lacks, as its capture lacks them');
        assert.ok(cursorLine(frame).startsWith(`>[ ] ${first.name} `), `the first suggestion is the capture's first, ${first.name}`);
        await tui.press(KEYS.enter);
        const plan = await tui.waitFor((text) => text.includes('Enter applies them as one step (u undoes)'), `the fix for ${first.name} as a diff`, 60_000);
        assert.match(plan, new RegExp(`[+~] ${first.name} ${first.current} -> ${first.value} {2}asked for`));
        assert.equal(opened().value(first.name), first.current, 'nothing applied before Enter on the diff');
        await tui.press(KEYS.enter);
        const count = (text: string): number => Number(/^(\d+) suggestions? /m.exec(text)?.[1] ?? NaN);
        await tui.waitFor(
          (text) => text.includes(`Applied ${first.name} (`) && count(text) < expected.suggestions.length,
          `${first.name} applied and off the list`,
          30_000,
        );
        assert.equal(opened().value(first.name), first.value);
        await tui.press('u');
        await tui.waitFor((text) => text.includes(`${expected.suggestions.length} suggestions`), 'undo bringing it back', 30_000);
        assert.equal(opened().value(first.name), first.current);
        assert.deepEqual(tui.exitCodes, []);
      });
    });
  }
});
