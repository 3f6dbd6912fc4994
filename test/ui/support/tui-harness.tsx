/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'node:test';
import { render } from 'ink-testing-library';
import { openSession } from '../../../src/engine/open-session.js';
import type { Session } from '../../../src/engine/session.js';
import { App, type AppProps } from '../../../src/ui/app.js';
import { ESCAPE_WAIT_MS } from '../../../src/ui/input/key-assembler.js';

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  home: '\x1b[H',
  end: '\x1b[F',
  pageDown: '\x1b[6~',
  pageUp: '\x1b[5~',
  ctrlC: '\x03',
  ctrlR: '\x12',
  ctrlU: '\x15',
  ctrlD: '\x04',
} as const;

/** A temporary output directory with the demo tree opened in it (the real kconfig engine). */
export async function openDemo(config?: string): Promise<{ session: Session; dir: string; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tuxconf-ui-'));
  if (config !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, '.config'), config);
  }
  // Outside a kernel tree and without -C, tuxconf opens its demo tree.
  const session = await openSession({ cwd: dir, output: dir, env: { ...process.env, NO_COLOR: '1' } });
  return {
    session,
    dir,
    close: async () => {
      await session.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Tui {
  frame(): string;
  /** Writes keys one by one, each as its own read, as a person types them; each once the app has taken the one before. */
  press(...keys: string[]): Promise<void>;
  /** Writes raw bytes as one read and waits until the app has taken them (a lone ESC: until it was reported as Escape). */
  write(data: string): Promise<void>;
  /** Writes raw bytes as one read and waits only until Ink has handed them over: an incomplete sequence stays held, and the next write may complete it. */
  arrive(data: string): Promise<void>;
  /** Waits until the frame satisfies `test` (engine work ends later than the key that started it). */
  waitFor(test: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  exitCodes: number[];
  unmount(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One turn of the event loop: what is queued now (Ink's input flush, React's effects) has run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Waits until the app has taken input written to Ink's stdin: no time is guessed. Ink hands a
 * lone ESC over at the next turn; the key assembler then holds it for ESCAPE_WAIT_MS, and a timer
 * of the same delay set after the assembler's fires after it (node runs timers of one delay in
 * the order they were set). What a key sets off in this process (the render, effects) runs in
 * the turns after; engine work that it starts ends later: wait for its outcome with waitFor.
 */
async function taken(data: string): Promise<void> {
  await nextTurn();
  if (data.endsWith('\x1b')) await new Promise((resolve) => setTimeout(resolve, ESCAPE_WAIT_MS));
  await nextTurn();
  await nextTurn();
}

export async function renderTui(
  session: Session,
  size = { columns: 80, rows: 24 },
  props: Partial<Pick<AppProps, 'hardwareSource' | 'searchContent' | 'presetSource' | 'checksSource' | 'buildOptions'>> = {},
): Promise<Tui> {
  const exitCodes: number[] = [];
  const instance = render(<App session={session} env={{ NO_COLOR: '1' }} onExit={(code) => exitCodes.push(code)} {...props} />);
  const stdout = instance.stdout as unknown as NodeJS.EventEmitter & { columns: number; rows: number };
  let columns = size.columns;
  let rows = size.rows;
  Object.defineProperty(stdout, 'columns', { get: () => columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => rows, configurable: true });
  stdout.emit('resize');
  const frame = (): string => instance.lastFrame() ?? '';
  const waitFor = async (test: (frame: string) => boolean, what: string, timeoutMs = 5000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = frame();
      if (test(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${current}`);
      await sleep(10);
    }
  };
  const tui: Tui = {
    frame,
    async press(...keys) {
      for (const key of keys) {
        instance.stdin.write(key);
        await taken(key);
      }
    },
    async write(data) {
      instance.stdin.write(data);
      await taken(data);
    },
    async arrive(data) {
      instance.stdin.write(data);
      await nextTurn();
    },
    waitFor,
    async resize(newColumns, newRows) {
      columns = newColumns;
      rows = newRows;
      stdout.emit('resize');
      await taken('');
    },
    exitCodes,
    unmount: () => instance.unmount(),
  };
  await waitFor(
    (current) => current.includes('tuxconf') && current.split('\n').every((line) => Array.from(line).length <= size.columns),
    'the first frame at the test size',
  );
  return tui;
}

/** The line of the frame the cursor is on (marked with `>`). */
export function cursorLine(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('>')) ?? '';
}

export type Demo = Awaited<ReturnType<typeof openDemo>>;

/**
 * For a suite whose tests each open the demo tree in the App: returns `start(config?)`, and
 * unmounts the App and closes the session after every test (registers an afterEach where called).
 */
export function demoTuiPerTest(): (config?: string) => Promise<{ demo: Demo; tui: Tui }> {
  let open: { demo: Demo; tui: Tui } | null = null;
  afterEach(async () => {
    if (!open) return;
    open.tui.unmount();
    await open.demo.close();
    open = null;
  });
  return async (config) => {
    const demo = await openDemo(config);
    const tui = await renderTui(demo.session);
    open = { demo, tui };
    return open;
  };
}
