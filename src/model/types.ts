/** Plain data describing a kernel's Kconfig menu, as the kernel's own kconfig library reports it. */

export type Tristate = 'n' | 'm' | 'y';
export type SymbolType = 'bool' | 'tristate' | 'int' | 'hex' | 'string' | 'unknown';
export type NodeKind = 'menu' | 'symbol' | 'choice' | 'comment' | 'if';

export interface SourceLocation {
  file: string;
  line: number;
}

/** A reference from one symbol to another with an optional condition (`select FOO if BAR`). */
export interface SymbolReference {
  name: string;
  condition: string;
}

/** What does not change while a tree is open: one entry per named symbol. */
export interface SymbolInfo {
  index: number;
  name: string;
  type: SymbolType;
  /** The first prompt, if the symbol has one anywhere. */
  prompt: string | null;
  help: string;
  definedAt: SourceLocation[];
  /** Menu node ids of every `config NAME` entry of this symbol. */
  nodes: number[];
  /** `depends on` of the symbol, including the enclosing menus and ifs, as kconfig prints it. */
  dependsOn: string;
  selects: SymbolReference[];
  implies: SymbolReference[];
  /** The reverse dependency expression built from every `select NAME` elsewhere. */
  selectedBy: string;
  impliedBy: string;
  ranges: SymbolReference[];
  defaults: SymbolReference[];
  /** Node id of the choice this symbol is a member of, or -1. */
  choice: number;
}

export interface MenuNode {
  id: number;
  parent: number;
  children: number[];
  kind: NodeKind;
  prompt: string | null;
  /** Index into the symbol table, or -1 (menus, comments, ifs, choices). */
  symbol: number;
  /** The prompt was given with `menuconfig`: a toggle that is also a submenu. */
  menuconfig: boolean;
  location: SourceLocation;
  dependsOn: string;
  visibleIf: string;
  help: string;
}

/** Values that change when the configuration changes. */
export interface SymbolState {
  value: string;
  /** Upper bound from the prompt's dependencies (sym->visible). */
  visible: Tristate;
  /** Lower bound forced by `select` (sym->rev_dep.tri). */
  selectedTo: Tristate;
  /** For bool and tristate: the values a user may set now. */
  allowed: Tristate[];
  changeable: boolean;
  /** The symbol has a user value (from the loaded config or a change); menuconfig marks the others (NEW). */
  hasValue: boolean;
}

export interface NodeState {
  visible: boolean;
  /** For menus and menuconfig entries: nothing visible inside. */
  empty: boolean;
  /** For choices: the symbol index of the active member, or -1. */
  selected: number;
}

export interface MenuModel {
  /** Node 0 is the root menu ("Linux/x86 6.12.57 Kernel Configuration"). */
  nodes: MenuNode[];
  symbols: SymbolInfo[];
  byName: Map<string, SymbolInfo>;
}

export interface ConfigState {
  symbols: SymbolState[];
  nodes: NodeState[];
}

/** One term of a dependency expression, printed with each symbol's value ("PCI [=y]"), and the term's own value. */
export interface ExplainedTerm {
  expr: string;
  value: Tristate;
  /** The term's leading symbol: for a select term, the selecting symbol. */
  symbol: string | null;
  /** What the term is: a symbol (`PCI`), a negated one (`!SPARC32`), a comparison, or a longer expression. */
  shape?: 'symbol' | 'not-symbol' | 'compare' | 'expr';
}

/** Why a symbol has its value and what limits it, for "why can't I change this". */
export interface Explanation {
  name: string;
  /** The prompt's visibility terms (`depends on` + menus + ifs) that evaluate to n or limit to m. */
  blockingDependencies: ExplainedTerm[];
  /** Every `select` term that is active now. */
  activeSelects: ExplainedTerm[];
  activeImplies: ExplainedTerm[];
  hasPrompt: boolean;
  /** For choice members: the choice's prompt. */
  choice: string | null;
}
