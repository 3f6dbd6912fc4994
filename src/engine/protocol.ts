import type { ConfigState, Explanation, MenuNode, NodeState, SymbolInfo, SymbolState, Tristate } from '../model/types.js';

/** Requests the frontend understands; one JSON object per line on its stdin. */
export type Request =
  | { op: 'tree' }
  | { op: 'state' }
  | { op: 'load'; path: string }
  | { op: 'set'; name: string; value: string }
  | { op: 'explain'; name: string }
  | { op: 'help'; node: number }
  | { op: 'save'; path: string; flag?: boolean }
  | { op: 'savedefconfig'; path: string }
  /** conf's courtesy after a save: include/config/auto.conf in the output directory `path`, when it does not exist yet. */
  | { op: 'autoconf'; path: string }
  /** What the parse read: its answer's `result` is KconfigReads. */
  | { op: 'deps' };

export interface Ready {
  event: 'ready';
  nodes: number;
  symbols: number;
  parseMs: number;
  shellProbes: number;
  shellMisses: number;
}

/** Every answer: `ok` plus what the operation returns. */
export interface Reply {
  /** The request's id; null when the frontend could not read it from a malformed request. */
  id: number | null;
  ok: boolean;
  /** Besides the refusals of `set`: 'usage' for a request it did not understand, 'io' for a failed write. */
  code?: SetRefusal;
  error?: string;
  /** With code 'usage': the 1-based byte column of the request line where the problem is. */
  column?: number;
  /** With code 'io': the errno name of the failure, e.g. ENOSPC. */
  errno?: string;
  result?: unknown;
  warnings?: string[];
  messages?: string[];
  explain?: Explanation;
  range?: [string, string];
  value?: string;
  /** The number of lines that follow this one, each a JSON item (the `tree` answer). */
  lines?: number;
  items?: unknown[];
}

export type SetRefusal = 'unknown' | 'not-visible' | 'selected' | 'limited' | 'out-of-range' | 'invalid' | 'choice';

/** Why a value request was refused: the frontend's reasons, and values no .config line can hold (refused before asking it). */
export type RefusalCode = SetRefusal | 'unstorable';

/**
 * The files the parse opened for reading (as the parser named them, relative to the frontend's
 * working directory), each with whether it was there, and the environment variables it read, each
 * with its value or null: what a cached menu depends on.
 */
export interface KconfigReads {
  files: [string, boolean][];
  env: [string, string | null][];
}

/** The `tree` answer: its counts, then the nodes and the symbols, one item each. */
export interface TreeCounts {
  nodes: number;
  symbols: number;
}

export type NodeItem = Omit<MenuNode, 'id' | 'location'> & { file: string; line: number };
export type SymbolItem = Omit<SymbolInfo, 'index' | 'prompt' | 'help' | 'definedAt'>;

/** [value, visible, selectedTo, allowedMask, changeable, hasValue] */
export type PackedSymbolState = [string, number, number, number, number, number];
/** [visible, empty, selected] */
export type PackedNodeState = [number, number, number];

export interface StatePayload {
  symbols: PackedSymbolState[];
  nodes: PackedNodeState[];
}

/** A `set` answer lists only what changed, each entry prefixed with its index. */
export interface StateChanges {
  symbols: [number, PackedSymbolState][];
  nodes: [number, ...PackedNodeState][];
}

const TRISTATES: Tristate[] = ['n', 'm', 'y'];

export function unpackSymbolState([value, visible, selectedTo, allowed, changeable, hasValue]: PackedSymbolState): SymbolState {
  return {
    value,
    visible: TRISTATES[visible] ?? 'n',
    selectedTo: TRISTATES[selectedTo] ?? 'n',
    allowed: TRISTATES.filter((_, bit) => (allowed & (1 << bit)) !== 0),
    changeable: changeable !== 0,
    hasValue: hasValue !== 0,
  };
}

export function unpackNodeState([visible, empty, selected]: PackedNodeState): NodeState {
  return { visible: visible !== 0, empty: empty !== 0, selected };
}

export function unpackState(payload: StatePayload): ConfigState {
  return { symbols: payload.symbols.map(unpackSymbolState), nodes: payload.nodes.map(unpackNodeState) };
}

/** A new state with the changes applied; the arrays are copied so observers see new identities. */
export function applyChanges(state: ConfigState, changes: StateChanges): ConfigState {
  const symbols = state.symbols.slice();
  const nodes = state.nodes.slice();
  for (const [index, packed] of changes.symbols) symbols[index] = unpackSymbolState(packed);
  for (const [index, ...packed] of changes.nodes) nodes[index] = unpackNodeState(packed);
  return { symbols, nodes };
}
