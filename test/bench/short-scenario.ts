import type { ProcessMemory } from '../../bench/pty-driver.js';
import { cursorMoves, type MenuSession, pasteIntoSearch, type PasteTiming, searchWords, type SearchTiming, toggles } from '../../bench/menu-session.js';
import type { KeyResult } from '../../bench/trace-stats.js';

/** The paste of the short scenario (the benchmark pastes 1,000 characters). */
export const SHORT_PASTE = 'intel ethernet pci express gigabit driver';

export interface ShortRun {
  firstMenuMs: number;
  /** The menu row under the cursor right after the first frame. */
  firstSelected: string;
  toggles: KeyResult[];
  /** The cursor row before the toggles and after each of them. */
  toggledLines: string[];
  moves: KeyResult[];
  /** The cursor row after each move. */
  movedTo: string[];
  search: SearchTiming[];
  paste: PasteTiming;
  memory: ProcessMemory[];
}

/**
 * A short run of every kind of measurement, recorded once against the real programs
 * (bench/test/record-transcripts.ts) and replayed by the tests: start, open General setup,
 * toggle a bool twice, six cursor moves, search for e1000e, paste a line into the search.
 */
export async function shortScenario(session: MenuSession, start: () => Promise<{ firstMenuMs: number }>): Promise<ShortRun> {
  const { firstMenuMs } = await start();
  const firstSelected = session.selected();
  await session.open('General setup');
  await session.select('Automatically append version information');
  const toggledLines = [session.selected()];
  const toggled: KeyResult[] = [];
  for (let index = 0; index < 2; index++) {
    toggled.push(...(await toggles(session, 1)));
    toggledLines.push(session.selected());
  }
  const movedTo: string[] = [];
  const moves: KeyResult[] = [];
  for (let index = 0; index < 6; index++) {
    moves.push(...(await cursorMoves(session, 1)));
    movedTo.push(session.selected());
  }
  const search = await searchWords(session, ['e1000e']);
  const paste = await pasteIntoSearch(session, SHORT_PASTE, 20_000);
  const memory = await session.memory();
  await session.close();
  return { firstMenuMs, firstSelected, toggles: toggled, toggledLines, moves, movedTo, search, paste, memory };
}
