/**
 * The TUI's hardware pane and presets view show text from captures and preset files: every line
 * they build is free of raw control characters, on a real 6.12 session with hostile inputs.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { hasControl } from '../../src/model/escape-text.js';
import { readCapture } from '../../src/features/hardware/capture-directory.js';
import { formatChain } from '../../src/features/hardware/reason-chain.js';
import { computeSuggestions } from '../../src/features/hardware/suggestions.js';
import { previewPresets } from '../../src/features/presets/apply-presets.js';
import { presetsFromFile } from '../../src/features/presets/preset-catalog.js';
import { catalogFor, listPresets, planFor } from '../../src/features/presets/preset-service.js';
import { inputsLines, originLine, reportPageLines, suggestionDetail, suggestionRow } from '../../src/ui/panes/hardware/lines.js';
import { detailLines, detailTitle, outcomeLines } from '../../src/ui/panes/presets/lines.js';
import { presetRows, presetRowText } from '../../src/ui/panes/presets/rows.js';
import { errorText } from '../../src/ui/intents/messages.js';
import type { StyledLine } from '../../src/ui/text/styled-text.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';
import { fixture } from './support/run-command.js';

const EVIL = '\x1b]0;owned\x07\x1b[2J\u009b31m\u202e';
let workDir = '';
let session: Session;

const text = (lines: StyledLine[]): string => lines.map((line) => line.map((segment) => segment.text).join('')).join('\n');
const assertSafe = (shown: string, what: string): void => assert.equal(hasControl(shown.replace(/\n/g, ' ')), false, `${what}: ${JSON.stringify(shown)}`);

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-tui-text-'));
  session = await openSession({ tree: kernelTree('6.12'), output: await outputDirWith(workDir, 'out', debianConfig('6.12', 'amd64_none_cloud-amd64')) });
});

after(async () => {
  await session?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('hardware pane', () => {
  it('shows captured module names, mount points, errors and the kernel release escaped', async () => {
    const capture = join(workDir, 'cap');
    await cp(fixture('vm'), capture, { recursive: true });
    await writeFile(join(capture, 'uname-r.txt'), `6.12${EVIL}\n`);
    await writeFile(join(capture, 'lspci-nnk.txt.error'), `lspci: ${EVIL}\n`);
    const mounts = await readFile(join(capture, 'mounts.txt'), 'utf8');
    await writeFile(join(capture, 'mounts.txt'), `${mounts}/dev/vdb /mnt/${EVIL} jfs rw 0 0\n/dev/vdc /srv/${EVIL} nilfs2 rw 0 0\n`);
    const report = await computeSuggestions(session, await readCapture(capture));
    assert.ok(report.suggestions.some((suggestion) => suggestion.reasons.some((chain) => formatChain(chain).includes('\x1b'))), 'a reason carries the captured text');
    assertSafe(originLine(report, 0, 200), 'origin line');
    for (const line of inputsLines(report)) assertSafe(line.text, 'inputs line');
    for (const suggestion of report.suggestions) {
      assertSafe(suggestionRow(suggestion, false, 20, 120), 'row');
      assertSafe(text(suggestionDetail(suggestion, 120)), 'detail');
    }
    assertSafe(text(reportPageLines(report, 120)), 'report page');
    assert.match(text(reportPageLines(report, 400)), /\/mnt\/\\e\]0;owned\\x07\\e\[2J\\x9b31m\\u202e/);
  });
});

describe('presets view', () => {
  it('shows names, descriptions, files, issues, values and errors from preset files escaped', async () => {
    const xdg = join(workDir, 'xdg');
    const presets = join(xdg, 'tuxconf', 'presets');
    await mkdir(presets, { recursive: true });
    await writeFile(join(presets, `ev${EVIL.replace(/\//g, '')}il.config`), `# Help: ${EVIL}\nCONFIG_LOCALVERSION="${EVIL}"\n`);
    await writeFile(join(presets, 'broken.config'), `CONFIG_EFI=y\n${EVIL}\n`);
    const env = { ...process.env, XDG_CONFIG_HOME: xdg };
    const catalog = await catalogFor(session, { env, cwd: workDir });
    const listing = listPresets(session, catalog);
    const rows = presetRows(listing, catalog.issues, { user: presets, project: join(workDir, '.tuxconf', 'presets') });
    rows.forEach((row, index) => assertSafe(presetRowText(row, index, 24, 120), 'row'));
    const evil = listing.find((entry) => entry.preset.origin === 'user' && entry.preset.description.includes('owned'));
    assert.ok(evil, 'the preset is listed');
    assertSafe(detailTitle(evil), 'title');
    assertSafe(text(detailLines(evil, session.kernel.srcTree, false, 120)), 'detail');

    const plan = await planFor(session, [evil.preset]);
    const outcome = await previewPresets(session, plan);
    assert.ok(outcome.changes.some((change) => change.to.includes('\x1b')), 'the preview changes the value to the file\'s text');
    const ready = outcomeLines({ kind: 'ready', mode: 'preview', names: [evil.preset.name], keys: [], outcome, values: [] }, session.model, session.kernel.srcTree, 120);
    assertSafe(text(ready), 'outcome');

    const failure = await presetsFromFile(join(presets, 'broken.config')).catch((error: unknown) => error);
    assertSafe(errorText(failure), 'error text');
    const { details } = failure as { details: string[] };
    const failed = outcomeLines({ kind: 'failed', mode: 'apply', names: ['broken'], message: (failure as Error).message, details, hint: undefined }, session.model, session.kernel.srcTree, 120);
    assertSafe(text(failed), 'failed outcome');
  });
});
