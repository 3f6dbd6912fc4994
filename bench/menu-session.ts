import type { Chunk, ProcessMemory, Reading, ReadWindow, Response, SpawnOptions } from './pty-driver.js';
import type { MenuProgram } from './menu-programs.js';
import { keyBytes, pasteBytes, Screen } from './screen.js';
import { byteCount, type KeyResult, lastByteLatency } from './trace-stats.js';

/** The terminal a session runs in: the real pty driver, or a recorded transcript replayed. */
export interface TerminalLike {
  spawn(options: SpawnOptions): Promise<{ pid: number; clockMs: number }>;
  read(wait: ReadWindow): Promise<Reading>;
  send(bytes: string | Buffer, wait: ReadWindow): Promise<Response>;
  memory(): Promise<ProcessMemory[]>;
  close(graceMs?: number): Promise<{ status: number | null; survivors: number[] }>;
}

export interface QuietWindows {
  /** An answer to a key has ended after this long without output. */
  keyMs: number;
  /** A key that has drawn nothing after this long is taken as drawing nothing. */
  keyFirstByteMs: number;
  /** The first frame has ended after this long without output. */
  startMs: number;
  /** A paste has settled after this long without output. */
  pasteMs: number;
}

export const QUIET: QuietWindows = { keyMs: 100, keyFirstByteMs: 3000, startMs: 150, pasteMs: 300 };

export class MenuError extends Error {}

/**
 * One run of a menu program in a terminal, read through a screen model: keys are sent as a
 * terminal sends them in the mode the program asked for, and every answer is timed to its
 * last byte.
 */
export class MenuSession {
  readonly screen: Screen;

  constructor(
    private readonly terminal: TerminalLike,
    readonly program: MenuProgram,
    private readonly quiet: QuietWindows = QUIET,
    rows = 24,
    cols = 80,
  ) {
    this.screen = new Screen(rows, cols);
  }

  /**
   * Spawns the program and waits until its main menu is on screen and output has paused for
   * the start window; the time of the last byte before that pause, from the spawn.
   */
  async start(options: SpawnOptions, timeoutMs: number): Promise<{ firstMenuMs: number; bytes: number; pid: number; clockMs: number }> {
    const { pid, clockMs } = await this.terminal.spawn(options);
    let lastMs = 0;
    let bytes = 0;
    const started = performance.now();
    for (;;) {
      const remaining = timeoutMs - (performance.now() - started);
      if (remaining <= 0) throw this.failure(`did not draw its main menu within ${(timeoutMs / 1000).toFixed(0)} s`);
      const reading = await this.terminal.read({ quietMs: this.quiet.startMs, timeoutMs: remaining });
      for (const chunk of reading.chunks) this.screen.feed(chunk.bytes);
      bytes += byteCount(reading.chunks);
      lastMs = reading.chunks.at(-1)?.ms ?? lastMs;
      if (this.program.showsMainMenu(this.screen) && !reading.timedOut) return { firstMenuMs: lastMs, bytes, pid, clockMs };
      if (reading.exited) throw this.failure('exited before drawing its main menu');
    }
  }

  /**
   * Writes `bytes` once and times the answer to its last byte: the answer ends with a quiet
   * gap once something has been drawn, and once `until` holds for the screen (if given),
   * which lets an answer with a long silent computation inside it count as one.
   */
  async send(bytes: string, options: { quietMs?: number; firstByteMs?: number; timeoutMs?: number; until?: (screen: Screen) => boolean } = {}): Promise<KeyResult> {
    const quietMs = options.quietMs ?? this.quiet.keyMs;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const response: Response = await this.terminal.send(bytes, { quietMs, timeoutMs, firstMs: options.firstByteMs ?? this.quiet.keyFirstByteMs });
    for (const chunk of response.stale) this.screen.feed(chunk.bytes);
    const before = this.screen.snapshot();
    const chunks: Chunk[] = [...response.chunks];
    for (const chunk of response.chunks) this.screen.feed(chunk.bytes);
    let { timedOut, exited } = response;
    const started = performance.now();
    while (options.until && !options.until(this.screen) && !timedOut && !exited) {
      const remaining = timeoutMs - (performance.now() - started);
      if (remaining <= 0) {
        timedOut = true;
        break;
      }
      const more = await this.terminal.read({ quietMs, timeoutMs: remaining });
      for (const chunk of more.chunks) this.screen.feed(chunk.bytes);
      chunks.push(...more.chunks);
      ({ timedOut, exited } = more);
    }
    if (exited) throw this.failure(`exited after ${JSON.stringify(bytes.slice(0, 20))}`);
    return {
      latencyMs: lastByteLatency(response.sentMs, chunks),
      bytes: byteCount(chunks),
      chunks: chunks.length,
      changed: this.screen.snapshot() !== before,
      timedOut,
      staleBytes: byteCount(response.stale),
    };
  }

  key(name: 'up' | 'down' | 'enter' | 'escape' | 'backspace'): Promise<KeyResult> {
    return this.send(keyBytes(name, this.screen));
  }

  /** A paste in one write, until the screen has settled and `until` holds. */
  paste(text: string, timeoutMs: number, until: (screen: Screen) => boolean): Promise<KeyResult> {
    return this.send(pasteBytes(text, this.screen), { quietMs: this.quiet.pasteMs, firstByteMs: timeoutMs, timeoutMs, until });
  }

  /**
   * Leaves the program alone for `ms` (tuxconf builds its search index after the first frame),
   * then takes whatever it drew meanwhile, so measured keys start from a quiet program.
   */
  async idle(ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const reading = await this.terminal.read({ quietMs: this.quiet.keyMs, timeoutMs: 10_000 });
    for (const chunk of reading.chunks) this.screen.feed(chunk.bytes);
  }

  /** Reads on until `done` holds for the screen. */
  async waitUntil(done: (screen: Screen) => boolean, what: string, timeoutMs: number): Promise<void> {
    const started = performance.now();
    while (!done(this.screen)) {
      const remaining = timeoutMs - (performance.now() - started);
      if (remaining <= 0) throw this.failure(`did not show ${what} within ${(timeoutMs / 1000).toFixed(0)} s`);
      const reading = await this.terminal.read({ quietMs: this.quiet.keyMs, timeoutMs: Math.min(remaining, 1000) });
      for (const chunk of reading.chunks) this.screen.feed(chunk.bytes);
      if (reading.exited) throw this.failure(`exited while waiting for ${what}`);
    }
  }

  selected(): string {
    return this.program.selectedLine(this.screen);
  }

  /** Moves the cursor down to the entry whose row contains `label`. */
  async select(label: string, limit = 200): Promise<void> {
    for (let presses = 0; presses <= limit; presses++) {
      if (this.selected().includes(label)) return;
      const result = await this.key('down');
      if (!result.changed) break;
    }
    throw this.failure(`has no entry "${label}" below the cursor`);
  }

  /** Opens the submenu `label` from the current menu. */
  async open(label: string): Promise<void> {
    await this.select(label);
    // Read until the submenu is on screen: a frame drawn for something else first (tuxconf's
    // status line when its kconfig frontend becomes ready) does not end the answer.
    await this.send(keyBytes('enter', this.screen), { until: (screen) => this.program.menuTitle(screen).includes(label) });
    if (!this.program.menuTitle(this.screen).includes(label)) throw this.failure(`did not open "${label}"`);
  }

  memory(): Promise<ProcessMemory[]> {
    return this.terminal.memory();
  }

  close(): Promise<{ status: number | null; survivors: number[] }> {
    return this.terminal.close();
  }

  failure(what: string): MenuError {
    return new MenuError(`${this.program.name} ${what}; the screen was:\n${this.screen.text()}`);
  }
}

/**
 * `count` cursor moves in the current menu, down to its last entry and back up, as often as
 * it takes; a key that changes nothing (the end of the menu) turns round and is not counted.
 */
export async function cursorMoves(session: MenuSession, count: number): Promise<KeyResult[]> {
  const results: KeyResult[] = [];
  let direction: 'down' | 'up' = 'down';
  let stuck = 0;
  while (results.length < count) {
    const result = await session.key(direction);
    if (result.changed) {
      results.push(result);
      stuck = 0;
      continue;
    }
    stuck += 1;
    if (stuck > 1) throw session.failure('does not move its cursor either way');
    direction = direction === 'down' ? 'up' : 'down';
  }
  return results;
}

/**
 * `count` changes of a bool entry's value on the entry under the cursor, alternating y and n
 * (as a user types them in both programs); each must redraw the entry with the new value.
 */
export async function toggles(session: MenuSession, count: number): Promise<KeyResult[]> {
  const results: KeyResult[] = [];
  for (let index = 0; index < count; index++) {
    const on = session.selected().includes('[*]');
    // Read until the value has changed: tuxconf draws "working..." first, and the frontend's answer
    // can come later than the quiet gap that ends an answer.
    const result = await session.send(on ? 'n' : 'y', { until: (screen) => session.program.selectedLine(screen).includes('[*]') !== on });
    const now = session.selected().includes('[*]');
    if (now === on) throw session.failure(`did not change the value of "${session.selected()}"`);
    results.push(result);
  }
  return results;
}

export interface SearchTiming {
  word: string;
  /** tuxconf: one per character typed. menuconfig: one, Enter to the results. */
  keys: KeyResult[];
}

/**
 * Types each word into the program's search. tuxconf searches as it is typed, so every
 * keystroke is timed; menuconfig searches on Enter, so the word is typed into its dialog and
 * Enter is timed to the results, which are then closed again.
 */
export async function searchWords(session: MenuSession, words: readonly string[]): Promise<SearchTiming[]> {
  const timings: SearchTiming[] = [];
  for (const word of words) {
    await openSearch(session);
    if (session.program.search === 'live') {
      const keys: KeyResult[] = [];
      let typed = '';
      for (const char of word) {
        typed += char;
        const shown = typed.trimEnd();
        keys.push(await session.send(char, { until: (screen) => session.program.searchInput(screen).endsWith(shown) }));
      }
      if (!session.program.searchInput(session.screen).endsWith(word)) throw session.failure(`did not show "${word}" in its search box`);
      timings.push({ word, keys });
    } else {
      await session.send(word, { until: (screen) => session.program.searchInput(screen).endsWith(word.trimEnd()) });
      const enter = await session.send('\r', { until: (screen) => session.program.showsSearchResults(screen) });
      if (!session.program.showsSearchResults(session.screen)) throw session.failure(`did not show search results for "${word}"`);
      timings.push({ word, keys: [enter] });
      await session.key('enter');
    }
  }
  return timings;
}

/** Opens the search input, empty. */
export async function openSearch(session: MenuSession): Promise<void> {
  if (!session.program.showsSearch(session.screen)) await session.send('/');
  if (!session.program.showsSearch(session.screen)) throw session.failure('did not open its search');
  await session.waitUntil((screen) => session.program.searchReady(screen), 'a ready search', 60_000);
  // tuxconf keeps the last query (Ctrl-U clears it); menuconfig's dialog opens empty.
  if (session.program.search === 'live' && session.program.searchInput(session.screen) !== '') await session.send('\x15');
}

export interface PasteTiming {
  /** From the write of the whole paste to the last byte before the screen settled. */
  paste: KeyResult;
  /** menuconfig only: Enter to the search results for the pasted text. */
  enter?: KeyResult;
}

/** A paste into the search input, as one write, until the screen settles (then Enter for menuconfig). */
export async function pasteIntoSearch(session: MenuSession, text: string, timeoutMs: number): Promise<PasteTiming> {
  await openSearch(session);
  const tail = text.trimEnd().slice(-12);
  const paste = await session.paste(text, timeoutMs, (screen) => session.program.searchInput(screen).includes(tail));
  if (paste.timedOut) return { paste };
  if (session.program.search === 'live') return { paste };
  const enter = await session.send('\r', { until: (screen) => session.program.showsSearchResults(screen) });
  if (!session.program.showsSearchResults(session.screen)) throw session.failure('did not show search results for the paste');
  return { paste, enter };
}
