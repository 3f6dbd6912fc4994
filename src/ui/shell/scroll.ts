import type { NavigationAction } from '../keymap.js';

/** How a navigation action moves a cursor: a delta (±Infinity for the ends), and whether the page scrolls with it. */
export interface Movement {
  delta: number;
  scroll: boolean;
}

const NAVIGATION = new Set<string>(['up', 'down', 'page-up', 'page-down', 'half-up', 'half-down', 'first', 'last']);

export function isNavigation(action: string): action is NavigationAction {
  return NAVIGATION.has(action);
}

/** The movement of a navigation action on a page of `page` rows. */
export function movement(action: NavigationAction, page: number): Movement {
  const rows = Math.max(1, page);
  const half = Math.max(1, Math.floor(rows / 2));
  switch (action) {
    case 'up':
      return { delta: -1, scroll: false };
    case 'down':
      return { delta: 1, scroll: false };
    case 'page-up':
      return { delta: -rows, scroll: true };
    case 'page-down':
      return { delta: rows, scroll: true };
    case 'half-up':
      return { delta: -half, scroll: true };
    case 'half-down':
      return { delta: half, scroll: true };
    case 'first':
      return { delta: -Infinity, scroll: false };
    case 'last':
      return { delta: Infinity, scroll: false };
  }
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** The first visible row: as close to `wanted` as keeps `cursor` on screen and the screen full. */
export function visibleTop(wanted: number, cursor: number, height: number, count: number): number {
  const rows = Math.max(1, height);
  const top = clamp(wanted, cursor - rows + 1, cursor);
  return clamp(top, 0, Math.max(0, count - rows));
}

/** A page scrolled by a navigation action: the new first line of `lines` shown `height` at a time. */
export function scrollPage(top: number, action: NavigationAction, lines: number, height: number): number {
  const maxTop = Math.max(0, lines - height);
  return clamp(top + movement(action, height).delta, 0, maxTop);
}

/** A list cursor moved by a navigation action, with the first row on screen. */
export function moveCursor(at: { cursor: number; top: number }, action: NavigationAction, count: number, height: number): { cursor: number; top: number } {
  if (count === 0) return at;
  const move = movement(action, height);
  const cursor = clamp(at.cursor + move.delta, 0, count - 1);
  return { cursor, top: visibleTop(move.scroll ? at.top + move.delta : at.top, cursor, height, count) };
}
