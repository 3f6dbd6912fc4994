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

/** Another process held the save lock for the whole wait. */
export interface LockBusy {
  code: 'busy';
  error: string;
}

/** The frontend was built without a SAT solver (PicoSAT): it cannot search for fixes. */
export interface SolverMissing {
  code: 'unsupported';
  error: string;
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
  /** Reads a config (conf_read); fails when there is none to read, not even the defaults list. */
  load: { request: { path: string }; ok: KernelOutput; failed: KernelOutput };
  /** The state now: every symbol and node, in index order; later `changes` and `set` answers are taken against it. */
  state: { request: object; ok: { result: StatePayload }; failed: never };
  /** What changed since the state last answered (by `state`, `changes` or `set`); everything when none was. */
  changes: { request: object; ok: { result: StateChanges }; failed: never };
  set: { request: { name: string; value: string }; ok: { result: StateChanges }; failed: SetRefused | Unknown };
  /** `set` without the changes (a step being replayed): a `changes` request after the last one answers them. */
  apply: { request: { name: string; value: string }; ok: object; failed: SetRefused | Unknown };
  explain: { request: { name: string }; ok: { explain: Explanation }; failed: Unknown };
  help: { request: { node: number }; ok: { result: string }; failed: Unknown };
  /** conf_write into `path`; with `flag`, also include/config/auto.conf, as conf does. */
  save: { request: { path: string; flag?: boolean }; ok: KernelOutput; failed: WriteFailed };
  savedefconfig: { request: { path: string }; ok: KernelOutput; failed: WriteFailed };
  /** conf's courtesy after a save: include/config/auto.conf in the output directory `path`, when it does not exist yet. */
  autoconf: { request: { path: string }; ok: KernelOutput; failed: WriteFailed };
  /**
   * With `flag`, takes the save lock on the directory `path` (flock; waits up to 10 s, then fails
   * `busy`); without, releases it. Held from the comparison with the file on disk to the rename.
   */
  lock: { request: { path: string; flag?: boolean }; ok: object; failed: WriteFailed | LockBusy };
  /** The fewest user-value changes that make the targets hold (see FixRequest). */
  fix: { request: Omit<FixRequest, 'op'>; ok: { result: FixResult }; failed: SolverMissing };
  /** What the parse read: every file it opened (found or not) and every variable it asked for. */
  deps: { request: object; ok: { result: KconfigReads }; failed: never };
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

/**
 * The changes of user values that make the targets hold: found with a SAT solver, each candidate
 * applied through kconfig and put back before it is offered. Answered with a {@link FixResult}.
 */
export interface FixRequest {
  op: 'fix';
  /** `NAME=VALUE` lines (bare names; string values unquoted); `NAME>=m`: a tristate at m or y, m preferred. */
  targets: string;
  /** Names, blank-separated: symbols whose value and user value must stay (the session's own changes). */
  protect?: string;
  /** Names, blank-separated: symbols the search never changes (targets excepted). */
  freeze?: string;
  /** Milliseconds the search may take. */
  budget?: number;
  /** Never touch a protected symbol, even when no other fix exists. */
  flag?: boolean;
  /** No user value may go below the symbol's value now (y to m or n, m to n): symbols may rise, not fall. */
  neverLower?: boolean;
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

/** A `set` or `changes` answer lists only what changed, each entry prefixed with its index. */
export interface StateChanges {
  symbols: [number, PackedSymbolState][];
  nodes: [number, ...PackedNodeState][];
}

const TRISTATES: Tristate[] = ['n', 'm', 'y'];
/** The allowed values of each mask, shared by every state (17,000 symbols a state). */
const ALLOWED_BY_MASK: readonly Tristate[][] = Array.from(
  { length: 8 },
  (_, mask) => Object.freeze(TRISTATES.filter((_, bit) => (mask & (1 << bit)) !== 0)) as Tristate[],
);

export function unpackSymbolState([value, visible, selectedTo, allowed, changeable, hasValue]: PackedSymbolState): SymbolState {
  return {
    value,
    visible: TRISTATES[visible] ?? 'n',
    selectedTo: TRISTATES[selectedTo] ?? 'n',
    allowed: ALLOWED_BY_MASK[allowed & 7] ?? ALLOWED_BY_MASK[0]!,
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

/**
 * Whether `unpackState(payload)` would equal `state`, found without building it: a start from the
 * cache compares the frontend's state with the cached one (17,000 symbols, 19,000 nodes) right
 * when keys typed on the cached menu are waiting.
 */
export function packedStateIs(payload: StatePayload, state: ConfigState): boolean {
  if (payload.symbols.length !== state.symbols.length || payload.nodes.length !== state.nodes.length) return false;
  for (let index = 0; index < payload.symbols.length; index++) {
    const [value, visible, selectedTo, allowedMask, changeable, hasValue] = payload.symbols[index]!;
    const known = state.symbols[index]!;
    const allowed = ALLOWED_BY_MASK[allowedMask & 7] ?? ALLOWED_BY_MASK[0]!;
    if (
      value !== known.value ||
      (TRISTATES[visible] ?? 'n') !== known.visible ||
      (TRISTATES[selectedTo] ?? 'n') !== known.selectedTo ||
      (changeable !== 0) !== known.changeable ||
      (hasValue !== 0) !== known.hasValue ||
      allowed.length !== known.allowed.length ||
      allowed.some((tristate, at) => known.allowed[at] !== tristate)
    ) {
      return false;
    }
  }
  return payload.nodes.every(([visible, empty, selected], index) => {
    const known = state.nodes[index]!;
    return (visible !== 0) === known.visible && (empty !== 0) === known.empty && selected === known.selected;
  });
}

/**
 * A new state with the changes applied. A state is never changed once made: an array with
 * changes is a copy, one without is shared with the state before.
 */
export function applyChanges(state: ConfigState, changes: StateChanges): ConfigState {
  const symbols = changes.symbols.length > 0 ? state.symbols.slice() : state.symbols;
  const nodes = changes.nodes.length > 0 ? state.nodes.slice() : state.nodes;
  for (const [index, packed] of changes.symbols) symbols[index] = unpackSymbolState(packed);
  for (const [index, ...packed] of changes.nodes) nodes[index] = unpackNodeState(packed);
  return { symbols, nodes };
}

/* ---------------------------------------------------------------- the fix answer */

export type FixTargetStatus = 'met' | 'fixable' | 'impossible';

/**
 * Why a target cannot be had:
 * - unknown: no such symbol in this tree; invalid: not a value of its type; unstorable: no .config line holds it;
 * - out-of-range: outside the range its `range` allows (`range`);
 * - undefined: it needs a symbol this architecture does not define (`symbol`), i.e. not on this architecture;
 * - broken: it depends on BROKEN; frozen: it needs a symbol the search keeps (COMPILE_TEST, 64BIT);
 * - no-prompt: it needs a symbol without a prompt that nothing can turn on; default: a symbol without a
 *   visible prompt keeps its default; selected: a selector that cannot be turned off forces it;
 * - pinned-choice / protected: it needs a change to a symbol the user set (`symbol`; `choice` for choices);
 * - conflict: it cannot hold together with other targets (`with`; `choice` when they share one);
 * - choice: a choice member whose choice cannot take it; term: a comparison or expression that cannot hold;
 * - unreachable: the solver finds no way, without a simpler reason;
 * - not-found: candidates exist but kconfig accepted none within the search bound; timeout: out of time.
 */
export type FixBlockerKind =
  | 'unknown'
  | 'invalid'
  | 'unstorable'
  | 'out-of-range'
  | 'undefined'
  | 'broken'
  | 'frozen'
  | 'no-prompt'
  | 'default'
  | 'selected'
  | 'pinned-choice'
  | 'protected'
  | 'conflict'
  | 'choice'
  | 'term'
  | 'unreachable'
  | 'not-found'
  | 'timeout';

/** One step from a target down to what blocks it: `symbol`'s expression has a `term` that cannot hold. */
export interface FixPathStep {
  symbol: string | null;
  term: string;
  relation: 'depends-on' | 'selected-by';
}

export interface FixBlocker {
  kind: FixBlockerKind;
  /** The symbol the explanation ends at: the undefined one, BROKEN, the frozen or pinned one ... */
  symbol: string | null;
  path: FixPathStep[];
  /** term: the expression that cannot hold, with each symbol's value ("PAHOLE_VERSION [=0] >= 116"). */
  term?: string;
  /** out-of-range: the range that applies now. */
  range?: [string, string];
  /** conflict: the other targets it conflicts with. */
  with?: string[];
  /** The prompt of the choice involved. */
  choice?: string;
  /** unknown: existing names that are close. */
  suggestions?: string[];
}

export interface FixTargetOutcome {
  name: string;
  value: string;
  /** Asked as "at least value": a tristate at that value or above holds. */
  atLeast?: boolean;
  status: FixTargetStatus;
  blocker?: FixBlocker;
}

/** Why a symbol is part of a fix. `of` is the target, change or changed value it serves. */
export type FixReason =
  | { kind: 'target' }
  | { kind: 'depends-on'; of: string; term: string }
  | { kind: 'selects'; selector: string; target: string }
  | { kind: 'implies'; implier: string; target: string }
  | { kind: 'select-condition'; of: string; term: string }
  | { kind: 'default'; of: string; term: string | null }
  /** The condition of a range of `of` (an int or hex target): the value asked for is inside that range. */
  | { kind: 'range'; of: string; term: string | null }
  /** A member chosen in a choice: for `of`, or (`instead`) in place of `of`, a target member to be n. */
  | { kind: 'choice'; choice: string | null; member: string; of: string | null; instead: boolean }
  /** MODULES, turned on because `of` is to be m. */
  | { kind: 'modules'; of: string }
  | { kind: 'needed' };

/** A user value the fix sets; `from` is the symbol's value before. */
export interface FixChange {
  name: string;
  from: string;
  to: string;
  reason: FixReason;
}

/** A value that changes as a consequence of the changes (defaults, selects, dependencies). */
export interface FixEffect {
  name: string;
  from: string;
  to: string;
}

export interface FixStats {
  ms: number;
  encodeMs: number;
  verifyMs: number;
  /** Symbols in the encoding. */
  cone: number;
  variables: number;
  clauses: number;
  /** Candidates applied through kconfig, and those it did not accept. */
  candidates: number;
  rejected: number;
  /** The distance from the targets the changes reach. */
  depth: number;
  approximations: number;
  timedOut: boolean;
}

export interface FixResult {
  targets: FixTargetOutcome[];
  /** In the order they are applied. Empty when no target needs a change or none can be had. */
  changes: FixChange[];
  effects: FixEffect[];
  /** Protected symbols the fix changes: only when no fix exists without. */
  touchesProtected: string[];
  stats: FixStats;
}
