/** @jsxRuntime automatic */
/** @jsxImportSource react */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import type { LogIssue } from '../../src/features/build/build-log.js';
import { historyPath, rememberBuildChoice } from '../../src/features/build/build-history.js';
import { processGroupMembers } from '../../src/features/build/process-group.js';
import { logRowStyle } from '../../src/ui/panes/build/content.js';
import { themeFor } from '../../src/ui/components/theme.js';
import type { BuildPaneOptions } from '../../src/ui/panes/build/build-work.js';
import { charKey, keyEvent } from '../../src/ui/input/key-event.js';
import { type BuildPaneEnv, issueTop, logTop } from '../../src/ui/panes/build/log-state.js';
import { type BuildPaneState, buildPaneKey, logPane } from '../../src/ui/panes/build/state.js';
import { processesOfOutputDir, waitFor } from '../build/support/build-processes.js';
import { kernelMake, kernelTree } from '../support/kernel-trees.js';
import { KEYS, openDemo, renderTui, type Tui } from './support/tui-harness.js';

const srcTree = kernelTree('6.12');
let workDir = '';
let objTree = '';
let session: Session | undefined;
let tui: Tui | undefined;

const open = (): Session => {
  assert.ok(session, 'the 6.12 tree is open');
  return session;
};

/** A frame is one line shorter than the 24-line terminal and no line is wider than 80 columns. */
function assertFits(frame: string): void {
  const lines = frame.split('\n');
  assert.equal(lines.length, 23, 'a frame is one line shorter than the terminal');
  assert.deepEqual(
    lines.filter((line) => Array.from(line).length > 80),
    [],
    'no line is wider than the terminal',
  );
}

/** Frame rows 5 on: the log rows (gutter + text) under the progress line and the log path. */
function logRows(frame: string): string[] {
  const lines = frame.split('\n');
  const end = lines.findIndex((line) => line.startsWith('── result'));
  return lines.slice(5, end < 0 ? -2 : end).filter((line) => line.trim() !== '');
}

/** The title bar's position: `1-15/230 following`, `3-17/230 paused (G follows)`, `1-3/3 issues`. */
function position(frame: string): string {
  return (frame.split('\n')[2] ?? '').match(/ (\d+-\d+\/\d+(?: issues)?(?: following| paused \(G follows\))?) *$/)?.[1] ?? '';
}

/** A status line message as a pane's key asks for it. */
const said = (text: string) => ({ kind: 'ui', action: { type: 'message', message: { text, tone: 'info' } } });

/** B: the question for the target and -j (filled in with the options the App was given, else the last build's here). */
async function startQuestion(view: Tui): Promise<string> {
  await view.press('B');
  return view.waitFor((frame) => frame.includes('Target') && frame.includes('Enter builds'), 'the target and -j');
}

/** B, then Enter on the question for the target and -j. */
async function startBuild(view: Tui): Promise<string> {
  const form = await startQuestion(view);
  await view.press(KEYS.enter);
  return form;
}

/** The frame with line breaks and wrapping indents as single spaces, for text that wraps. */
const flat = (frame: string): string => frame.replace(/\s+/g, ' ');

function logLines(text: string): string[] {
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

/** Processes working in the output directory, except the session's kconfig frontend (which runs there too). */
function buildProcesses(): ReturnType<typeof processesOfOutputDir> {
  return processesOfOutputDir(objTree).filter((process) => process.pid !== session?.frontendPid);
}

/** make's own process (the group leader) for this output directory, from /proc. */
function topMake(): number | undefined {
  return buildProcesses().find((process) => process.command.startsWith('make ') && process.command.includes(`O=${objTree}`))?.pid;
}

function liveMembers(pgid: number): string[] {
  return processGroupMembers(pgid)
    .filter((member) => member.state !== 'Z')
    .map((member) => `${member.pid} ${member.command}`);
}

async function show(options: BuildPaneOptions): Promise<Tui> {
  tui = await renderTui(open(), { columns: 80, rows: 24 }, { buildOptions: options });
  return tui;
}

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-build-'));
  objTree = join(workDir, 'out');
  kernelMake(srcTree, objTree, ['defconfig']);
  session = await openSession({ tree: srcTree, output: objTree, env: { ...process.env, NO_COLOR: '1' } });
});

afterEach(() => {
  tui?.unmount();
  tui = undefined;
});

after(async () => {
  await session?.close();
  assert.deepEqual(processesOfOutputDir(objTree), [], 'no build process outlives the tests');
  await rm(workDir, { recursive: true, force: true });
});

describe('the build view (B) with real make on the Debian 6.12 tree in an O= directory', () => {
  it('streams `make scripts` while it runs, then shows the result; the log file has every line', async () => {
    const logPath = join(workDir, 'scripts.log');
    const view = await show({ makeArgs: ['scripts'], jobs: 2, logPath });
    await startBuild(view);
    const running = await view.waitFor(
      (frame) => /^\[0:\d\d\] · \d+ objects?/m.test(frame) && frame.includes('  HOSTCC  scripts/'),
      'compile lines and the progress line while make runs',
      30_000,
    );
    assert.match(running, /^ Build: make scripts /m, 'the title names the target');
    assert.ok(running.includes(`log: ${logPath}`), 'the log file is named while make runs');
    assert.match(running, / -j2 · 0 warnings, 0 errors/);
    assert.match(running, /^c cancel/m, 'cancel is offered while make runs');
    assertFits(running);

    const ended = await view.waitFor((frame) => frame.includes('Build succeeded'), 'the result', 60_000);
    assertFits(ended);
    const logged = logLines(await readFile(logPath, 'utf8'));
    const compiled = logged.filter((line) => line.startsWith('  HOSTCC  ')).length;
    assert.ok(compiled >= 3, `host programs were compiled (${compiled})`);
    assert.match(ended, new RegExp(`^Build succeeded · exit code 0 · 0:\\d\\d · 0 errors, 0 warnings · ${compiled} objects$`, 'm'));
    assert.ok(ended.includes(`log: ${logPath}`));
    assert.match(ended, /^no kernel image or modules from this target$/m);
    assert.ok(ended.includes(`output directory: ${objTree}`));
    assert.equal(position(ended), `1-${logged.length}/${logged.length} following`);
    // The log on screen is the log file, line for line (it is short enough to fit).
    assert.deepEqual(
      logRows(ended).map((row) => row.slice(1).trimEnd()),
      logged.map((line) => line.trimEnd()),
    );
    assert.match(ended, /^↑↓ scroll .* r build again {2}q close/m);

    // r builds again: everything is up to date now, so make only enters and leaves its directories.
    await view.press('r');
    const again = await view.waitFor((frame) => frame.includes('Build succeeded') && frame.includes('· 0 objects'), 'the second build', 60_000);
    const relogged = logLines(await readFile(logPath, 'utf8'));
    assert.equal(relogged.filter((line) => line.startsWith('  HOSTCC  ')).length, 0);
    assert.equal(position(again), `1-${relogged.length}/${relogged.length} following`);

    await view.press('q');
    const menu = await view.waitFor((frame) => frame.includes('Kernel Configuration'), 'the menu again');
    assert.doesNotMatch(menu, /Build succeeded/);
  });

  it("a failing build: make's exit code, the first error with file:line; w filters, n/N jump, Enter shows the source", async () => {
    kernelMake(srcTree, objTree, ['-j2', 'modules_prepare']);
    const moduleDir = join(workDir, 'm');
    await mkdir(moduleDir);
    // CONFIG_WERROR=y in defconfig: the module turns it off so that the #warning stays a warning.
    await writeFile(join(moduleDir, 'Kbuild'), 'obj-m := broken.o\nccflags-y := -Wno-error\n');
    await writeFile(
      join(moduleDir, 'broken.c'),
      '#include <linux/module.h>\n#warning "a warning before the error"\nstatic int __init broken_init(void)\n{\n\treturn undefined_symbol_here + 1;\n}\nmodule_init(broken_init);\nMODULE_LICENSE("GPL");\n',
    );
    const makeArgs = [`M=${moduleDir}`, 'modules'];
    const oracle = spawnSync('make', ['-C', srcTree, `O=${objTree}`, 'ARCH=x86', ...makeArgs], { encoding: 'utf8' });
    const diagnostics = oracle.stderr.split('\n').filter((line) => /^\S+:\d+:\d+: (error|warning): /.test(line));
    const errors = diagnostics.filter((line) => line.includes(': error: '));
    const warnings = diagnostics.filter((line) => line.includes(': warning: '));
    assert.equal(oracle.status, 2);
    assert.equal(errors[0], `${moduleDir}/broken.c:5:16: error: ‘undefined_symbol_here’ undeclared (first use in this function)`);
    assert.equal(warnings.length, 1);

    const logPath = join(workDir, 'broken.log');
    const view = await show({ makeArgs, jobs: 2, logPath });
    await startBuild(view);
    const ended = await view.waitFor((frame) => frame.includes('Build FAILED'), 'the failure', 60_000);
    assertFits(ended);
    assert.match(ended, new RegExp(`^Build FAILED · exit code ${oracle.status} · 0:\\d\\d · ${errors.length} errors, ${warnings.length} warning · `, 'm'));
    assert.ok(ended.includes(`first error: ${moduleDir}/broken.c:5:16: `), 'the first error with file:line');
    assert.ok(ended.includes(`log: ${logPath}`));
    const logged = await readFile(logPath, 'utf8');
    for (const line of diagnostics) assert.ok(logged.includes(`${line}\n`), `the log file has ${line}`);

    // Only warnings and errors, in log order.
    await view.press('w');
    const filtered = await view.waitFor((frame) => frame.includes('[warnings and errors only]'), 'the filter');
    assert.deepEqual(
      logRows(filtered).map((row) => row.slice(1)),
      diagnostics.map((line) => line.slice(0, 78) + (line.length > 79 ? '…' : line.slice(78))),
    );
    assert.equal(position(filtered), `1-${diagnostics.length}/${diagnostics.length} issues`);

    // n and N move the highlight (`>`) from one to the next.
    const highlighted = (frame: string): string =>
      logRows(frame)
        .find((row) => row.startsWith('>'))
        ?.slice(1) ?? '';
    await view.press('n');
    assert.ok(highlighted(view.frame()).startsWith(warnings[0]!.slice(0, 60)), 'n: the warning');
    await view.press('n');
    assert.ok(highlighted(view.frame()).startsWith(errors[0]!.slice(0, 60)), 'n: the first error');
    await view.press('n', 'n');
    assert.ok(highlighted(view.frame()).startsWith(errors.at(-1)!.slice(0, 60)), 'the last one stays highlighted');
    assert.match(view.frame(), /No more warnings or errors below/);
    await view.press('N', 'N');
    assert.ok(highlighted(view.frame()).startsWith(warnings[0]!.slice(0, 60)), 'N: back to the warning');

    // Back in the whole log, the highlighted warning stays highlighted on its own line.
    await view.press('w');
    const whole = await view.waitFor((frame) => !frame.includes('[warnings and errors only]'), 'the whole log');
    assert.ok(highlighted(whole).startsWith(warnings[0]!.slice(0, 60)));
    assert.ok(
      logRows(whole).some((row) => row.includes('make[')),
      "make's own lines are back",
    );

    // Enter shows the highlighted one in full, with the source around its line.
    await view.press('n', KEYS.enter);
    const detail = await view.waitFor((frame) => frame.includes('return undefined_symbol_here'), 'the source of the first error');
    assertFits(detail);
    assert.match(detail, new RegExp(`^Error on log line \\d+ at ${moduleDir}/broken\\.c:5:16$`, 'm'));
    assert.match(detail, /^ {2}‘undefined_symbol_here’ undeclared \(first use in this function\)$/m);
    assert.ok(detail.includes(`${moduleDir}/broken.c:`));
    assert.match(detail, /^> 5 \| {9}return undefined_symbol_here \+ 1;$/m, 'the error line marked, tab expanded');
    assert.match(detail, /^ {2}4 \| \{$/m);
    await view.press(KEYS.escape);
    await view.waitFor((frame) => frame.includes('first error:'), 'the log again');

    await view.press(KEYS.escape, KEYS.escape);
    await view.waitFor((frame) => frame.includes('Kernel Configuration'), 'Esc Esc closes the view');
  });

  it('cancels a vmlinux build (asks before closing while make runs); no process is left, the view still responds', async () => {
    const logPath = join(workDir, 'vmlinux.log');
    const view = await show({ makeArgs: ['vmlinux'], jobs: 2, logPath });
    await startBuild(view);
    let pgid: number | undefined;
    await waitFor(
      () => {
        pgid ??= topMake();
        return pgid !== undefined && /^ {3}CC {6}\S+\.o$/m.test(view.frame()) && liveMembers(pgid).some((member) => member.endsWith(' cc1'));
      },
      120_000,
      'kernel objects being compiled',
    );
    assert.ok(pgid);

    // Scrolling up stops following: the rows stay put while make prints more; G follows again.
    const total = (frame: string): number => Number(position(frame).split('/')[1]?.split(' ')[0] ?? 0);
    await view.waitFor((frame) => total(frame) > 40, 'a screenful of lines', 60_000);
    await view.press('k');
    const paused = view.frame();
    assert.match(position(paused), /paused \(G follows\)$/);
    const pausedRows = logRows(paused);
    await view.waitFor((frame) => total(frame) > total(paused), 'more lines', 60_000);
    assert.deepEqual(logRows(view.frame()), pausedRows, 'the paused view keeps its lines');
    await view.press('G');
    assert.match(position(view.frame()), /following$/);

    // q while make runs asks; n keeps building.
    await view.press('q');
    const asked = await view.waitFor((frame) => frame.includes('make is still running. Stop it and close the log?'), 'the question');
    assertFits(asked);
    assert.match(asked, /\[ Stop the build \]/);
    await view.press('n');
    await view.waitFor((frame) => !frame.includes('make is still running'), 'back to the log');
    assert.ok(liveMembers(pgid).length > 0, 'make still runs');

    // c stops make and every compiler; a Ctrl+C right after it kills them at once.
    await view.write('c\x03');
    const cancelled = await view.waitFor((frame) => frame.includes('Build cancelled'), 'the cancelled build', 10_000);
    assert.match(
      cancelled,
      /^Build cancelled: make and its compilers were killed at once/m,
      'the second key killed the group, and the status line says how the build ended',
    );
    assert.doesNotMatch(cancelled, /Stopping make|Killing make/, 'no line about stopping is left once make has ended');
    assert.doesNotMatch(cancelled, /first error:/, 'a cancel is reported as a cancel');
    assert.deepEqual(liveMembers(pgid), [], "nothing left in make's process group");
    assert.deepEqual(buildProcesses(), [], 'nothing left running in the output directory');
    assertFits(cancelled);
    assert.match(cancelled, /^Build cancelled · (exit code \d+|ended by SIG[A-Z]+) · /m);
    const logged = logLines(await readFile(logPath, 'utf8'));
    assert.ok(
      logged.some((line) => /^ {2}CC {6}\S+\.o$/.test(line)),
      'the log keeps what make printed',
    );
    const count = logged.length;
    assert.ok(position(cancelled).endsWith(`-${count}/${count} following`), `the tail of all ${count} lines: ${position(cancelled)}`);

    // The view still answers keys: back to the top, down one line, and to the end.
    await view.press('g');
    assert.match(position(view.frame()), new RegExp(`^1-\\d+/${count} paused`));
    assert.ok(logRows(view.frame())[0]?.includes("make: Entering directory '"));
    await view.press('j');
    assert.match(position(view.frame()), new RegExp(`^2-\\d+/${count} paused`));
    await view.press('G', 'q');
    await view.waitFor((frame) => frame.includes('Kernel Configuration'), 'q closes at once once make has ended');
    assert.deepEqual(view.exitCodes, [], 'tuxconf is still running');
  });

  it('asks before building with unsaved changes, and before overwriting a .config changed on disk', async () => {
    const configPath = join(objTree, '.config');
    const logPath = join(workDir, 'saved.log');
    const original = await readFile(configPath, 'utf8');
    const outcome = await open().set('LOCALVERSION', '-tuxconf-ui');
    assert.ok(outcome.ok);
    const view = await show({ makeArgs: ['scripts'], jobs: 2, logPath });

    await startBuild(view);
    const asked = await view.waitFor((frame) => frame.includes('Save it before building?'), 'the question');
    assertFits(asked);
    assert.ok(asked.includes('1 unsaved change. Save it before building?'));
    assert.match(asked, /\[ Save and build \] {4}Build the saved file {6}Cancel/);
    assert.ok(flat(asked).includes(`make -C ${srcTree} O=${objTree} ARCH=x86 -j2 scripts`), 'the command it will run');
    await view.press(KEYS.escape);
    await view.waitFor((frame) => frame.includes('Not built; the changes are not saved'), 'nothing built');
    assert.equal(await readFile(configPath, 'utf8'), original, 'the .config is untouched');
    assert.equal(existsSync(logPath), false, 'make did not run');

    await startBuild(view);
    await view.waitFor((frame) => frame.includes('Save it before building?'), 'the question again');
    await view.press('y');
    await view.waitFor((frame) => frame.includes('Build succeeded'), 'the build after saving', 60_000);
    assert.match(await readFile(configPath, 'utf8'), /^CONFIG_LOCALVERSION="-tuxconf-ui"$/m);
    assert.equal(open().unsavedCount, 0);
    assert.match(view.frame().split('\n')[0] ?? '', / saved$/, 'the header says saved');
    await view.press('q');
    await view.waitFor((frame) => frame.includes('Kernel Configuration'), 'the menu');

    // Someone edits the file meanwhile: the save is refused, and the overwrite is asked for.
    assert.ok((await open().set('LOCALVERSION', '-tuxconf-ui2')).ok);
    await appendFile(configPath, '# edited by someone else\n');
    await startBuild(view);
    await view.waitFor((frame) => frame.includes('Save it before building?'), 'the save question');
    await view.press('y');
    const overwrite = await view.waitFor((frame) => frame.includes('The config file changed on disk since tuxconf loaded it.'), 'the overwrite question');
    assertFits(overwrite);
    assert.match(flat(overwrite.replace(/[│┌┐└┘─]/g, ' ')), /Overwrite it with this configuration and build\? y overwrites and builds, n builds nothing/);
    await view.press('n');
    await view.waitFor((frame) => frame.includes(`Not built: ${configPath} changed on disk`), 'nothing built');
    assert.match(await readFile(configPath, 'utf8'), /# edited by someone else\n$/, 'the other edit is kept');

    await startBuild(view);
    await view.waitFor((frame) => frame.includes('Save it before building?'), 'the save question');
    await view.press('y');
    await view.waitFor((frame) => frame.includes('The config file changed on disk since tuxconf loaded it.'), 'the overwrite question');
    await view.press('y');
    await view.waitFor((frame) => frame.includes('Build succeeded'), 'the build after overwriting', 60_000);
    const saved = await readFile(configPath, 'utf8');
    assert.match(saved, /^CONFIG_LOCALVERSION="-tuxconf-ui2"$/m);
    assert.doesNotMatch(saved, /edited by someone else/);
  });
});

describe('the question before a build (6.12)', () => {
  it('offers the target and -j of the last build here, with the command line the plan will run; Esc builds nothing', async () => {
    const logPath = join(workDir, 'never.log');
    await rememberBuildChoice(historyPath(objTree), { makeArgs: ['scripts'], jobs: 2 });
    const view = await show({ logPath });
    const form = await startQuestion(view);
    assertFits(form);
    assert.match(form, /^> Target +scripts /m, 'the last build asked for scripts');
    assert.match(form, /^ {2}-j +2 /m);
    await view.waitFor((frame) => flat(frame).includes(`make -C ${srcTree} O=${objTree} ARCH=x86 -j2 scripts`), "the plan's own command line");
    await view.press(KEYS.ctrlU, ...'modules_prepare');
    await view.waitFor((frame) => flat(frame).includes(`-j2 modules_prepare`), 'the command line follows the target');
    await view.press(KEYS.escape);
    await view.waitFor((frame) => frame.includes('Kernel Configuration'), 'Esc closes it');
    assert.equal(existsSync(logPath), false, 'make did not run');
  });
});

describe('the build view without a kernel tree', () => {
  it('says the demo tree cannot be built, and Esc goes back to the menu', async () => {
    const demo = await openDemo();
    try {
      tui = await renderTui(demo.session);
      await tui.press('B');
      const frame = await tui.waitFor((text) => text.includes('The demo tree has no kernel to build'), 'the explanation');
      assertFits(frame);
      assert.match(frame, /^r try again {2}Esc close/m);
      await tui.press(KEYS.escape);
      await tui.waitFor((text) => text.includes('Kernel Configuration'), 'the menu');
    } finally {
      tui?.unmount();
      tui = undefined;
      await demo.close();
    }
  });
});

describe("the build view's keys over a long build whose oldest lines have left the ring buffer", () => {
  const issue = (index: number, kind: 'error' | 'warning'): LogIssue => ({
    index,
    kind,
    text: `drivers/x${index}.c:7:3: ${kind}: something`,
    message: 'something',
    location: { file: `drivers/x${index}.c`, line: 7, column: 3 },
  });
  const issues = [issue(100, 'error'), issue(45_000, 'warning'), issue(49_995, 'error')];
  const env: BuildPaneEnv = { running: true, total: 50_000, firstHeld: 30_000, issues, rows: 10, firstError: issues[0] };
  const press = (state: BuildPaneState, key = charKey('k')) => buildPaneKey(state, key, env);

  it('follows the tail, stops following when scrolled up, stays within the held lines, and G follows again', () => {
    const following = logPane();
    assert.equal(logTop(following, env), 49_990);
    assert.equal(press(following, charKey('j')).state, following, 'scrolling down while following changes nothing');
    const up = press(following).state;
    assert.equal(up.top, 49_989);
    assert.equal(logTop(press(up, charKey('g')).state, env), 30_000, 'g: the oldest line still held');
    assert.equal(logTop({ ...up, top: 100 }, env), 30_000, 'a position that fell off the ring moves to the oldest held line');
    assert.equal(press(up, keyEvent('pageup')).state.top, 49_979);
    assert.equal(press(up, charKey('G')).state.top, null);
  });

  it('N walks back through warnings and errors, and says when one is only in the log file; w still lists it', () => {
    const last = press(logPane(), charKey('N'));
    assert.equal(last.state.selected, 49_995);
    assert.equal(last.state.top, null, 'on screen already: the view keeps following');
    const middle = press(last.state, charKey('N'));
    assert.equal(middle.state.selected, 45_000);
    assert.equal(middle.state.top, 44_998, 'scrolled to it with two lines above');
    const first = press(middle.state, charKey('N'));
    assert.equal(first.state.selected, 100);
    assert.deepEqual(first.intent, said('Line 101 is only in the log file now; w lists the warnings and errors'));
    const listed = press(first.state, charKey('w')).state;
    assert.equal(listed.issuesOnly, true);
    assert.equal(issueTop(listed, env), 0, 'the list shows it at the top');
    assert.deepEqual(press(listed, charKey('N')).intent, said('No more warnings or errors above'));
  });

  it('asks before closing while make runs, and Ctrl+C cancels (quits once make has ended)', () => {
    const asked = press(logPane(), charKey('q'));
    assert.equal(asked.state.closing, 'stop');
    assert.deepEqual(press(asked.state, charKey('y')).intent, { kind: 'stop-and-close' });
    assert.equal(press(asked.state, charKey('n')).state.closing, null);
    assert.deepEqual(press(logPane(), charKey('c', { ctrl: true })).intent, { kind: 'cancel-build' });
    const ended = { ...env, running: false };
    assert.deepEqual(buildPaneKey(logPane(), charKey('c', { ctrl: true }), ended).intent, { kind: 'quit' });
    assert.deepEqual(buildPaneKey(logPane(), charKey('q'), ended).intent, { kind: 'close-pane' });
  });

  it('highlights errors inverse and warnings bold under NO_COLOR', () => {
    const plain = themeFor({ NO_COLOR: '1' });
    assert.deepEqual(logRowStyle('error', false, plain), { bold: true, inverse: true });
    assert.deepEqual(logRowStyle('warning', false, plain), { bold: true });
    assert.deepEqual(logRowStyle('step', false, plain), {});
    assert.deepEqual(logRowStyle('warning', true, plain), { bold: true, inverse: true }, 'the highlighted one is inverse');
    assert.deepEqual(logRowStyle('error', false, themeFor({})), { bold: true, color: 'red' });
  });
});
