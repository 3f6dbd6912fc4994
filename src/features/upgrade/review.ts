import type { LostEntry, NewEntry, NewMenuGroup, UpgradeReport } from './types.js';

/**
 * Where a review of an upgrade stands, as plain immutable data for the TUI's review flow:
 * which new symbols the user has decided (kept the default, or set another value through the
 * session) and which lost entries are done (fixed through the fixer, or accepted as they are).
 * Accepting a default changes nothing in the session: a symbol without a value already gets its
 * default, so a review that accepts everything saves exactly what `make olddefconfig` writes.
 */
export interface UpgradeReview {
  readonly newDecided: ReadonlyMap<string, 'default' | 'changed'>;
  readonly lostDecided: ReadonlyMap<string, 'fixed' | 'accepted'>;
}

export type ReviewItem = { kind: 'lost'; entry: LostEntry } | { kind: 'new'; entry: NewEntry; group: NewMenuGroup };

export function startReview(): UpgradeReview {
  return { newDecided: new Map(), lostDecided: new Map() };
}

export function acceptDefault(review: UpgradeReview, name: string): UpgradeReview {
  return decideNew(review, [name], 'default');
}

/** "Accept the defaults of this menu": every new symbol of the menu not decided yet keeps its default. */
export function acceptMenuDefaults(review: UpgradeReview, group: NewMenuGroup): UpgradeReview {
  return decideNew(
    review,
    group.entries.filter((entry) => !review.newDecided.has(entry.name)).map((entry) => entry.name),
    'default',
  );
}

/** Every new symbol not decided yet keeps its default. */
export function acceptAllDefaults(review: UpgradeReview, report: UpgradeReport): UpgradeReview {
  return decideNew(
    review,
    report.new.filter((entry) => !review.newDecided.has(entry.name)).map((entry) => entry.name),
    'default',
  );
}

/** The user gave a new symbol another value (through the session, like any change). */
export function noteChanged(review: UpgradeReview, name: string): UpgradeReview {
  return decideNew(review, [name], 'changed');
}

/** A lost entry is done: fixed (through the fixer) or accepted as this tree has it. */
export function decideLost(review: UpgradeReview, name: string, decision: 'fixed' | 'accepted'): UpgradeReview {
  const lostDecided = new Map(review.lostDecided);
  lostDecided.set(name, decision);
  return { ...review, lostDecided };
}

/** What to show next: the first lost entry not done, then, like oldconfig, the first new symbol not decided. */
export function nextItem(report: UpgradeReport, groups: NewMenuGroup[], review: UpgradeReview): ReviewItem | null {
  const lost = report.lost.find((entry) => !review.lostDecided.has(entry.name));
  if (lost) return { kind: 'lost', entry: lost };
  for (const group of groups) {
    const entry = group.entries.find((candidate) => !review.newDecided.has(candidate.name));
    if (entry) return { kind: 'new', entry, group };
  }
  return null;
}

export interface ReviewProgress {
  lostDone: number;
  lostTotal: number;
  newDone: number;
  newTotal: number;
  /** Menus with new symbols still to decide. */
  menusLeft: number;
}

export function reviewProgress(report: UpgradeReport, groups: NewMenuGroup[], review: UpgradeReview): ReviewProgress {
  const newNames = new Set(report.new.map((entry) => entry.name));
  const lostNames = new Set(report.lost.map((entry) => entry.name));
  return {
    lostDone: [...lostNames].filter((name) => review.lostDecided.has(name)).length,
    lostTotal: lostNames.size,
    newDone: [...newNames].filter((name) => review.newDecided.has(name)).length,
    newTotal: newNames.size,
    menusLeft: groups.filter((group) => group.entries.some((entry) => !review.newDecided.has(entry.name))).length,
  };
}

function decideNew(review: UpgradeReview, names: string[], decision: 'default' | 'changed'): UpgradeReview {
  if (names.length === 0) return review;
  const newDecided = new Map(review.newDecided);
  for (const name of names) newDecided.set(name, decision);
  return { ...review, newDecided };
}
