import type { ConfigState, Explanation, MenuNode, NodeState, SymbolInfo, SymbolState, Tristate } from '../model/types.js';

/** What the kernel's library printed while an operation ran (conf_read's warnings about the config, ...). */
export interface KernelOutput {
  warnings?: string[];
  messages?: string[];
}

/** A name or node the tree does not have. */
export interface Unknown {
  code: 'unknown';
  error: string;
}

/**
 * A request the frontend did not understand: tuxconf sent something malformed. FrontendProcess
 * fails the request with a FrontendProtocolError instead of resolving it.
 */
export interface Rejected {
  code: 'usage';
  error: string;
  /** The 1-based byte column of the request line where the problem is. */
  column?: number;
}

/** A refused `set`: the reason, the value the symbol keeps, the range in force and why. */
export interface SetRefused {
  code: Exclude<SetRefusal, 'unknown'>;
  value: string;
  range?: [string, string];
  explain: Explanation;
}

/** A write of the kernel's that failed: the errno name (ENOSPC ...) when the system said one. */
export interface WriteFailed extends KernelOutput {
  code: 'io';
  error: string;
  errno?: string;
}

/**
 * Every operation of the frontend: what its request carries besides `op` and `id`, what a reply
 * with `ok: true` carries, and what one with `ok: false` carries. Adding an operation is one entry
 * here and its handler in the frontend; FrontendProcess.request then returns its typed reply.
 */
export interface Operations {
  tree: { request: object; ok: { result: TreeCounts; lines: number; items: unknown[] }; failed: never };
  state: { request: object; ok: { result: StatePayload }; failed: never };
  /** Reads a config (conf_read); fails when there is none to read, not even the defaults list. */
  load: { request: { path: string }; ok: KernelOutput; failed: KernelOutput };
  set: { request: { name: string; value: string }; ok: { result: StateChanges }; failed: SetRefused | Unknown };
  explain: { request: { name: string }; ok: { explain: Explanation }; failed: Unknown };
  help: { request: { node: number }; ok: { result: string }; failed: Unknown };
  /** conf_write into `path`; with `flag`, also include/config/auto.conf, as conf does. */
  save: { request: { path: string; flag?: boolean }; ok: KernelOutput; failed: WriteFailed };
  savedefconfig: { request: { path: string }; ok: KernelOutput; failed: WriteFailed };
  /** conf's courtesy after a save: include/config/auto.conf in the output directory `path`, when it does not exist yet. */
  autoconf: { request: { path: string }; ok: KernelOutput; failed: WriteFailed };
}

export type OpName = keyof Operations;

/** Requests the frontend understands; one JSON object per line on its stdin. */
export type Request = { [Op in OpName]: { op: Op } & Operations[Op]['request'] }[OpName];

/** The frontend's answer to a request of operation `Op`: `ok` with what the operation returns, or why not. */
export type ReplyTo<Op extends OpName> = { id: number | null } & (({ ok: true } & Operations[Op]['ok']) | ({ ok: false } & Operations[Op]['failed']));

/** Any reply. */
export type Reply = ReplyTo<OpName>;

/** What every reply line holds, checked before it is handed to the request it answers. */
export interface ReplyEnvelope {
  /** The request's id; null when the frontend could not read it from a malformed request. */
  id: number | null;
  ok: boolean;
  /** The number of lines that follow this one, each a JSON item (the `tree` answer). */
  lines?: number;
  items?: unknown[];
}

export interface Ready {
  event: 'ready';
  nodes: number;
  symbols: number;
  parseMs: number;
  shellProbes: number;
  shellMisses: number;
}

export type SetRefusal = 'unknown' | 'not-visible' | 'selected' | 'limited' | 'out-of-range' | 'invalid' | 'choice';

/** Why a value request was refused: the frontend's reasons, and values no .config line can hold (refused before asking it). */
export type RefusalCode = SetRefusal | 'unstorable';

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
