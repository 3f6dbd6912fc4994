import { useEffect, useState } from 'react';
import { buildSearchIndexInSteps, fillSingleCharacters } from '../../../features/search/search-index.js';
import { practiseSearches, SymbolSearch } from '../../../features/search/symbol-search.js';
import type { MenuModel } from '../../../model/types.js';
import { practiseFrameUpdates } from '../../frame-writer.js';
import { practiseRowFormatting } from '../../output-row-cache.js';

export type SymbolSearchState = { kind: 'building' } | { kind: 'ready'; search: SymbolSearch } | { kind: 'failed'; error: string };

/**
 * Rows formatted and frame updates computed for practice before the search is ready (see
 * practiseRowFormatting, practiseFrameUpdates): some 50 ms of idle time. On a 6.12 tree the first
 * keystroke's CPU time was 34-40 ms without them and 10-12 ms with these, as with 400 and 40,
 * which raised the process's peak memory more (these about 3 MB, median of five starts).
 */
const PRACTICE_ROWS = 150;
const PRACTICE_FRAMES = 20;

/** One search per tree: its per-word caches serve every App on the same session. */
const built = new WeakMap<MenuModel, SymbolSearch>();

/**
 * The search over every symbol of the tree. The index is built a slice at a time once the first
 * frame is on the screen (100-500 ms on a 6.x tree, with its one-letter tables), so the menu
 * answers keys meanwhile.
 */
export function useSymbolSearch(model: MenuModel): SymbolSearchState {
  const [state, setState] = useState<SymbolSearchState>(() => {
    const search = built.get(model);
    return search ? { kind: 'ready', search } : { kind: 'building' };
  });

  useEffect(() => {
    if (state.kind !== 'building') return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      // The one-letter tables are part of the build: a search's first keystroke is then a lookup,
      // and ranks its matches with compiled code.
      const build = async () => {
        const index = await buildSearchIndexInSteps(model, abort.signal);
        await fillSingleCharacters(index, abort.signal);
        await practiseSearches(index, abort.signal);
        // The first results bring a screenful of new rows: Ink's formatting of them and the
        // frame writer's comparing of them are compiled by then.
        const rows = await practiseRowFormatting(PRACTICE_ROWS, abort.signal);
        await practiseFrameUpdates(rows, PRACTICE_FRAMES, abort.signal);
        return index;
      };
      build().then(
        (index) => {
          const search = built.get(model) ?? new SymbolSearch(index);
          built.set(model, search);
          if (!abort.signal.aborted) setState({ kind: 'ready', search });
        },
        (cause: unknown) => {
          if (!abort.signal.aborted) setState({ kind: 'failed', error: cause instanceof Error ? cause.message : String(cause) });
        },
      );
    }, 0);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [model, state.kind]);

  return state;
}
