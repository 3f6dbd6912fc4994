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
  /** Writes keys one by one, each as its own read, as a person types them. */
  press(...keys: string[]): Promise<void>;
  /** Writes raw bytes and waits `ms` (no extra pause after an ESC). */
  write(data: string, ms: number): Promise<void>;
  /** Waits until the frame satisfies `test` (frames arrive a macrotask or two after input). */
  waitFor(test: (frame: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  exitCodes: number[];
  unmount(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
        // A lone ESC is held briefly to tell it from a split escape sequence.
        await sleep(key === KEYS.escape ? 80 : 15);
      }
      await sleep(20);
    },
    async write(data, ms) {
      instance.stdin.write(data);
      await sleep(ms);
    },
    waitFor,
    async resize(newColumns, newRows) {
      columns = newColumns;
      rows = newRows;
      stdout.emit('resize');
      await sleep(30);
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
