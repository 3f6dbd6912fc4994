import type { KeyEvent } from '../input/key-event.js';
import { isChar, isCtrl } from '../input/key-match.js';

/** How a key moves the cursor of a list: a delta (±Infinity for the ends), and whether it pages. */
export interface Movement {
  delta: number;
  scroll: boolean;
}

/** The list keys every pane shares (arrows, j/k, PgUp/PgDn, Ctrl-b/f/d/u, g/G, Home/End), or null. */
export function movement(key: KeyEvent, page: number): Movement | null {
  const half = Math.max(1, Math.floor(page / 2));
  if (key.name === 'down' || isChar(key, 'j')) return { delta: 1, scroll: false };
  if (key.name === 'up' || isChar(key, 'k')) return { delta: -1, scroll: false };
  if (key.name === 'pagedown' || isCtrl(key, 'f')) return { delta: page, scroll: true };
  if (key.name === 'pageup' || isCtrl(key, 'b')) return { delta: -page, scroll: true };
  if (isCtrl(key, 'd')) return { delta: half, scroll: true };
  if (isCtrl(key, 'u')) return { delta: -half, scroll: true };
  if (key.name === 'home' || isChar(key, 'g')) return { delta: -Infinity, scroll: false };
  if (key.name === 'end' || isChar(key, 'G')) return { delta: Infinity, scroll: false };
  return null;
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
