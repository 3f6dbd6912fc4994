/** Plain data of an upgrade report: an old config carried to the tree that is open. */
import type { ExplainedTerm, SymbolReference, SymbolType, Tristate } from '../../model/types.js';
import type { ConfigHeader } from './old-config.js';

/**
 * Why a value the old config set does not survive in this tree:
 * - removed: no symbol of that name in this tree (for this architecture);
 * - dependency: its prompt's dependencies are false (or allow only m) now;
 * - selected: a select forces a higher value (m became y);
 * - choice: a member the old config chose, and its choice picks another member now;
 * - no-prompt: it has no prompt here, so only defaults and selects give it a value;
 * - type-changed: the kernel cannot read the old value for the symbol's type now (m for a bool, 0 for a bool);
 * - range: a number its range no longer allows (the kernel moves it into the range);
 * - unexplained: none of the above (kept so that every lost value is listed).
 */
export type LostCategory = 'removed' | 'dependency' | 'selected' | 'choice' | 'no-prompt' | 'type-changed' | 'range' | 'unexplained';

/** How a successor of a removed symbol was found. */
export type SuccessorMethod =
  /** It builds the objects (or guards the Makefile lines) the old symbol did, in the old tree's Makefiles (needs the old tree). */
  | 'makefile'
  /** Its prompt and help read like the old symbol's (needs the old tree). */
  | 'prompt-help'
  /** This tree's Kconfig names the old symbol in its help, prompt or defaults (a note on a rename, a transitional default). */
  | 'kconfig-mention'
  /** Its name shares the old name's distinctive words (PAGE_TABLE_ISOLATION -> MITIGATION_PAGE_TABLE_ISOLATION). */
  | 'name'
  /** It sits where the old symbol sat: between the old config's neighbours of the old symbol, in this tree's menu order. */
  | 'position';

export interface Successor {
  name: string;
  prompt: string | null;
  type: SymbolType;
  /** 0..1, the combined evidence. */
  score: number;
  /** The methods that found it, strongest first. */
  methods: SuccessorMethod[];
  /** The value to ask for it: the old value, made fit for its type (m becomes y for a bool). */
  value: string;
  /** Strong evidence (Makefiles, an explicit mention, the same prompt): safe to apply without asking. */
  confident: boolean;
}

export interface LostEntry {
  name: string;
  category: LostCategory;
  /** The old config's right-hand side (`y`, `m`, `"text"`, `0x10`) and its line. */
  old: string;
  line: number;
  /** The right-hand side this tree writes for it, or null when its .config has no line for it. */
  now: string | null;
  /** The prompt here, or (for removed symbols, with the old tree) the old prompt. */
  prompt: string | null;
  /** The type here (`unknown` for removed symbols; with the old tree, `oldType` says what it was). */
  type: SymbolType;
  oldType: SymbolType | null;
  /** dependency: the terms of its prompt's dependencies that are false or limit it to m. */
  blocking: ExplainedTerm[];
  /** selected / no-prompt: the selects that are active now. */
  selects: ExplainedTerm[];
  /** choice: the choice's prompt and the member it picks now. */
  choice: { prompt: string | null; selected: string | null } | null;
  /** range: the ranges of its Kconfig entry (the kernel moved the value into the one that applies). */
  ranges: SymbolReference[];
  /** removed: likely successors, best first. */
  successors: Successor[];
  /** Something can give it the old value back: a prompt, or (without one) a select that could be turned on. */
  settable: boolean;
}

export interface NewEntry {
  name: string;
  /** The menu node of the entry listnewconfig names (a symbol can have several). */
  node: number;
  type: SymbolType;
  prompt: string | null;
  /** The value it gets when nothing is asked (what `make listnewconfig` prints after `=`). */
  value: string;
  help: string;
  /** The menu it is reviewed in: the nearest enclosing menu, menuconfig entry or choice. */
  menu: number;
}

/** New symbols of one menu, in menu order: what "accept the defaults of this menu" covers. */
export interface NewMenuGroup {
  /** Node id of the menu (0: the main menu). */
  menu: number;
  title: string;
  /** The enclosing menus' prompts, outermost first, then this menu's. */
  path: string[];
  entries: NewEntry[];
}

/**
 * A value the old config holds at a default whose default changed:
 * - computed: the old config has it `n`, and this tree turns it on by itself (it has no prompt here, its
 *   prompt is hidden, or a select forces it): `old` -> `now`;
 * - kept: it was at its default in the old tree (not in the old tree's savedefconfig), the carried config
 *   keeps the old value, and this tree's default is `newDefault` (needs the old tree).
 */
export interface ChangedDefault {
  name: string;
  kind: 'computed' | 'kept';
  old: string;
  now: string | null;
  newDefault: string;
  prompt: string | null;
  type: SymbolType;
}

/** How far the report could look: what was given and what each part is based on. */
export interface ReportScope {
  from: ConfigHeader | null;
  to: { arch: string; srcArch: string; version: string };
  /** The old tree was given: Makefile successors, old prompts and types, changed defaults of prompted symbols. */
  oldTree: string | null;
  /** A hardware capture was given: new and lost entries that matter for the machine are flagged. */
  hardware: string | null;
}

/** Why an entry matters for the machine: drivers of its devices, modules it loads, file systems it mounts. */
export interface MachineFlag {
  name: string;
  /** The value the machine needs (`m`, or `y` for bools and the root file system's path). */
  wanted: Tristate;
  /** What the hardware report says, e.g. "pci 8086:15b8 -> e1000e". */
  reasons: string[];
  /** The value this config gives it now already meets the need. */
  met: boolean;
}

export interface UpgradeReport {
  scope: ReportScope;
  lost: LostEntry[];
  /** In the order `make listnewconfig` lists them. */
  new: NewEntry[];
  changedDefaults: ChangedDefault[];
  /** By name: new and lost entries that matter for the machine of `scope.hardware`. */
  machine: Map<string, MachineFlag>;
  /** What the kernel said while reading the old config (invalid values, unknown lines ...), with the user's path. */
  warnings: string[];
  /** Old-config lines the kernel cannot read at all (kept up to 50). */
  unreadable: { line: number; text: string }[];
}
