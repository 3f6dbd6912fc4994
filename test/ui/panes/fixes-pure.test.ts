import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { historyPath, readBuildChoice, rememberBuildChoice } from '../../../src/features/build/build-history.js';
import { hardwareInputsFor } from '../../../src/features/hardware/hardware-source.js';
import { INPUT_NAMES, inputStatuses } from '../../../src/features/hardware/hardware-inputs.js';
import { charKey, keyEvent } from '../../../src/ui/input/key-event.js';
import { inputsLines } from '../../../src/ui/panes/hardware/lines.js';
import { buildForm, buildMode, buildPaneKey, formChoice, initialBuildPane } from '../../../src/ui/panes/build/state.js';
import { comparisonText, expressionLabel, markExpression, markLine } from '../../../src/ui/text/expression-text.js';
import { lineText } from '../../../src/ui/text/styled-text.js';
import { whyLines } from '../../../src/ui/text/why-text.js';
import type { SymbolState } from '../../../src/model/types.js';
import { tinyModel } from '../support/tiny-model.js';

describe('comparisons said as a person says them', () => {
  it('FB [=n]=y [=y] is "FB=y, but FB is n"; AGP [=y]=n [=n] is "AGP=n, but AGP is y"', () => {
    assert.deepEqual(comparisonText('FB', 'n', '=', 'y', 'y'), { text: 'FB=y, but FB is n', holds: false });
    assert.deepEqual(comparisonText('AGP', 'y', '=', 'n', 'n'), { text: 'AGP=n, but AGP is y', holds: false });
    assert.deepEqual(comparisonText('AGP', 'n', '!=', 'y', 'y'), { text: 'AGP!=y', holds: true });
    assert.deepEqual(comparisonText('A', 'y', '=', 'B', 'm'), { text: 'A=B, but A is y and B is m', holds: false });
    assert.deepEqual(comparisonText('NR_CPUS', '64', '>=', '128', '128'), { text: 'NR_CPUS>=128, but NR_CPUS is 64', holds: false });
  });

  it('in help text and why terms: the comparison one segment, true or false; other terms marked as before', () => {
    const line = markLine('  Depends on: DRM [=m] && (AGP [=y] || AGP [=y]=n [=n]) && FB [=n]=y [=y]');
    assert.equal(lineText(line), '  Depends on: DRM [=m] && (AGP [=y] || AGP=n, but AGP is y) && FB=y, but FB is n');
    assert.deepEqual(
      line.filter((segment) => segment.tone !== 'plain').map((segment) => [segment.text, segment.tone]),
      [
        ['  Depends on:', 'heading'],
        ['DRM [=m]', 'true'],
        ['AGP [=y]', 'true'],
        ['AGP=n, but AGP is y', 'false'],
        ['FB=y, but FB is n', 'false'],
      ],
    );
    assert.equal(expressionLabel('FB [=n]=y [=y] && PCI [=y]'), 'FB=y, but FB is n && PCI');
    const info = tinyModel().model.symbols[0]!;
    const state: SymbolState = { value: 'n', visible: 'n', selectedTo: 'n', allowed: [], changeable: false, hasValue: true };
    const explanation = {
      name: info.name,
      blockingDependencies: [{ expr: 'FB [=n]=y [=y]', value: 'n' as const, symbol: 'FB' }],
      activeSelects: [],
      activeImplies: [],
      hasPrompt: true,
      choice: null,
    };
    assert.equal(lineText(whyLines(info, state, explanation)[1]!), '  - FB=y, but FB is n  (is n)');
    assert.equal(markExpression('X [=y]').length, 1);
  });
});

describe('B asks for the target and -j first', () => {
  it('takes the target and -j typed into the form; a wrong -j is said, not built', () => {
    const form = buildForm({ makeArgs: ['bzImage', 'modules'], jobs: 8 });
    assert.deepEqual([form.target.text, form.jobs.text], ['bzImage modules', '8']);
    const asking = { ...initialBuildPane(), stage: { kind: 'form', form } } as const;
    assert.equal(buildMode(asking, false), 'build.form');
    let state = buildPaneKey(asking, keyEvent('tab'), undefined as never).state;
    for (const key of [keyEvent('backspace'), charKey('4')]) state = buildPaneKey(state, key, undefined as never).state;
    assert.deepEqual(buildPaneKey(state, keyEvent('return'), undefined as never).intent, {
      kind: 'plan',
      choice: { makeArgs: ['bzImage', 'modules'], jobs: 4 },
    });
    assert.deepEqual(formChoice(buildForm({ makeArgs: [], jobs: null })), { makeArgs: [], jobs: null }, "empty: make's default goal and -j");
    assert.equal(formChoice({ ...form, jobs: { text: 'x', caret: 1 } }), '-j needs a whole number from 1 (or nothing for the default)');
    const refused = buildPaneKey(
      { ...asking, stage: { kind: 'form', form: { ...form, jobs: { text: '0', caret: 1 } } } },
      keyEvent('return'),
      undefined as never,
    );
    assert.equal(refused.intent.kind, 'none');
    assert.equal(refused.state.stage.kind === 'form' && refused.state.stage.form.error, '-j needs a whole number from 1 (or nothing for the default)');
    assert.deepEqual(buildPaneKey(asking, keyEvent('escape'), undefined as never).intent, { kind: 'close-pane' });
    assert.deepEqual(buildPaneKey(asking, charKey('q'), undefined as never).intent, { kind: 'none' }, 'q types into the target');
  });

  it("remembers the last choice in the output directory's build history, beside the build records", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuxconf-build-choice-'));
    try {
      const path = historyPath(dir);
      assert.equal(await readBuildChoice(path), undefined);
      await rememberBuildChoice(path, { makeArgs: ['bzImage'], jobs: 6 });
      assert.deepEqual(await readBuildChoice(path), { makeArgs: ['bzImage'], jobs: 6 });
      assert.match(await readFile(path, 'utf8'), /"builds": \{\}/);
      await writeFile(path, JSON.stringify({ version: 1, builds: {}, choice: { makeArgs: 'rm -rf', jobs: -1 } }));
      assert.equal(await readBuildChoice(path), undefined, 'a damaged choice is not offered');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('inputs not asked for are not failures', () => {
  it('--lsmod FILE alone: one input read, the others not asked for, none failed', async () => {
    const lsmod = new URL('../../../fixtures/hardware/laptop/lsmod.txt', import.meta.url).pathname;
    const inputs = await hardwareInputsFor({ lsmod });
    const statuses = inputStatuses(inputs);
    assert.deepEqual(
      statuses.filter((input) => input.state === 'read').map((input) => input.name),
      ['lsmod'],
    );
    assert.equal(statuses.filter((input) => input.state === 'failed').length, 0);
    assert.equal(statuses.filter((input) => input.state === 'not-asked').length, INPUT_NAMES.length - 1, 'every other input');
    const [first] = inputsLines({ inputs: statuses, notes: [] } as never);
    assert.match(first!.text, /^1 input read, not asked for: proc-modules, lspci-nnk, .* \(i: details\)$/);
    assert.equal(first!.tone, 'muted');
    assert.doesNotMatch(first!.text, /[Ff]ailed/);
  });
});
