import { nodeSymbol } from '../../model/node-symbol.js';
import type { MenuModel, SymbolInfo, SymbolType } from '../../model/types.js';
import type { MakefileFootprints } from './makefile-footprints.js';
import { nameWords, textWords, WordStatistics } from './text-similarity.js';
import type { Successor, SuccessorMethod } from './types.js';

/** What the successor search can use: always this tree; the old tree when the user has it. */
export interface SuccessorSources {
  model: MenuModel;
  /** This tree's Makefile footprints (with the old tree's, for the `makefile` method). */
  footprints: MakefileFootprints | null;
  old: { model: MenuModel; footprints: MakefileFootprints } | null;
  /** The old config's symbol names in file order (the `position` method); empty for presets. */
  oldOrder: string[];
}

/** How much each method's evidence counts when several agree (combined as independent evidence). */
const METHOD_WEIGHT: Record<SuccessorMethod, number> = {
  makefile: 0.9,
  'prompt-help': 0.8,
  'kconfig-mention': 0.8,
  name: 0.6,
  position: 0.35,
};
/** Below this a candidate is not offered. */
const MIN_SCORE = 0.3;
const MAX_SUCCESSORS = 5;
/** Candidates taken from each method before they are scored together. */
const PER_METHOD = 25;
/** A word in more prompts and help texts than this says nothing about a rename. */
const COMMON_TEXT_WORD = 400;
/** A name word shared by more symbols than this (SND, DRM, INTEL) finds no candidates by itself. */
const COMMON_NAME_WORD = 1500;
const RENAME_WORDS = /\b(renamed|formerly|previously|replac\w*|instead of|successor|was called|used to be|supersed\w*|obsolete|deprecated)\b/i;

type Evidence = Partial<Record<SuccessorMethod, number>>;

/**
 * Finds the symbols of this tree that most likely took over from a symbol it no longer has,
 * best first. Every method gives a score in 0..1; they are combined as independent evidence
 * (1 - product of (1 - weight * score)), so two methods that agree beat one alone.
 */
export class SuccessorFinder {
  private readonly model: MenuModel;
  private readonly sources: SuccessorSources;
  private readonly tree: TreeIndex;
  private readonly oldPosition = new Map<string, number>();

  constructor(sources: SuccessorSources) {
    this.sources = sources;
    this.model = sources.model;
    this.tree = treeIndex(sources.model);
    sources.oldOrder.forEach((name, index) => this.oldPosition.set(name, index));
  }

  /** Likely successors of `name` (a symbol this tree does not have), for a request of `oldValue`. */
  find(name: string, oldValue: string | null): Successor[] {
    const evidence = new Map<number, Evidence>();
    const note = (index: number, method: SuccessorMethod, score: number): void => {
      if (score <= 0 || this.model.symbols[index]?.name === name) return;
      const found = evidence.get(index) ?? {};
      found[method] = Math.max(found[method] ?? 0, Math.min(1, score));
      evidence.set(index, found);
    };
    const makefiles = this.byMakefiles(name);
    for (const [index, score] of makefiles.scores) note(index, 'makefile', score);
    for (const [index, score] of this.byPromptAndHelp(name)) note(index, 'prompt-help', score);
    for (const [index, score] of this.byMentions(name)) note(index, 'kconfig-mention', score);
    for (const [index, score] of this.byName(name)) note(index, 'name', score);
    // Position only supports candidates found otherwise: a menu's neighbourhood holds many symbols.
    const window = this.neighbourWindow(name);
    if (window) {
      for (const [index, found] of evidence) {
        const score = positionScore(this.tree.order.get(this.model.symbols[index]!.name), window);
        if (score > 0) found.position = score;
      }
    }
    const successors: Successor[] = [];
    for (const [index, found] of evidence) {
      const info = this.model.symbols[index]!;
      const fit = fitValue(oldValue, info.type);
      const score = combine(found) * (fit.penalty ?? 1);
      if (score < MIN_SCORE) continue;
      const methods = (Object.keys(found) as SuccessorMethod[])
        .filter((method) => METHOD_WEIGHT[method] * (found[method] ?? 0) >= 0.1)
        .sort((a, b) => METHOD_WEIGHT[b] * (found[b] ?? 0) - METHOD_WEIGHT[a] * (found[a] ?? 0));
      successors.push({
        name: info.name,
        prompt: info.prompt,
        type: info.type,
        score: Math.round(score * 1000) / 1000,
        methods,
        value: fit.value,
        confident: isConfident(found) || makefiles.allObjects.has(index),
      });
    }
    return successors.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, MAX_SUCCESSORS);
  }

  /**
   * The share of the old symbol's Makefile features (objects it built, lines it guarded) that a
   * symbol of this tree has, each feature weighted by how few symbols share it; a candidate
   * whose own footprint is mostly the old symbol's is preferred among equals.
   */
  private byMakefiles(name: string): { scores: [number, number][]; allObjects: Set<number> } {
    const { old, footprints } = this.sources;
    const features = old?.footprints.bySymbol.get(name);
    if (!old || !footprints || !features || features.size === 0) return { scores: [], allObjects: new Set() };
    const weightOf = (feature: string): number =>
      (feature.startsWith('b:') ? 0.5 : 1) / Math.max(old.footprints.sharing.get(feature) ?? 1, footprints.sharing.get(feature) ?? 1);
    let total = 0;
    for (const feature of features) total += weightOf(feature);
    const objects = [...features].filter((feature) => feature.startsWith('o:'));
    const shared = new Map<string, { weight: number; count: number; objects: number }>();
    const holders = featureHolders(footprints);
    for (const feature of features) {
      for (const symbol of holders.get(feature) ?? []) {
        const found = shared.get(symbol) ?? { weight: 0, count: 0, objects: 0 };
        found.weight += weightOf(feature);
        found.count++;
        if (feature.startsWith('o:')) found.objects++;
        shared.set(symbol, found);
      }
    }
    const scores: [number, number][] = [];
    const allObjects = new Set<number>();
    for (const [symbol, { weight, count, objects: built }] of shared) {
      const info = this.model.byName.get(symbol);
      if (!info) continue;
      const coverage = weight / total;
      const specificity = count / (footprints.bySymbol.get(symbol)?.size ?? count);
      scores.push([info.index, coverage * (0.75 + 0.25 * specificity)]);
      // Every object the old symbol built, at the same path, is built by this one now: it took over.
      if (objects.length > 0 && built === objects.length) allObjects.add(info.index);
    }
    return { scores: top(scores), allObjects };
  }

  /** The old symbol's prompt and help (from the old tree) against every prompt and help of this one: cosine of weighted word counts. */
  private byPromptAndHelp(name: string): [number, number][] {
    const oldInfo = this.sources.old?.model.byName.get(name);
    if (!oldInfo || (oldInfo.prompt === null && oldInfo.help.trim() === '')) return [];
    const index = this.tree.texts();
    let wantedNorm = 0;
    const dots = index.scratch;
    const touched: number[] = [];
    for (const [word, count] of wordCounts(oldInfo)) {
      const idf = index.weight(word);
      wantedNorm += (count * idf) ** 2;
      const postings = index.postings.get(word);
      if (!postings || postings.symbols.length > COMMON_TEXT_WORD) continue;
      const factor = count * idf * idf;
      const { symbols, counts } = postings;
      for (let at = 0; at < symbols.length; at++) {
        const symbol = symbols[at]!;
        if (dots[symbol] === 0) touched.push(symbol);
        dots[symbol] = dots[symbol]! + factor * counts[at]!;
      }
    }
    wantedNorm = Math.sqrt(wantedNorm);
    // The same prompt says it all when it says something: "None" or "Deflate" are shared by unrelated choices.
    const samePrompt = oldInfo.prompt && textWords(oldInfo.prompt).length >= 2 ? normalizePrompt(oldInfo.prompt) : null;
    const results: [number, number][] = [];
    for (const symbol of touched) {
      const score = samePrompt !== null && index.prompts[symbol] === samePrompt ? 1 : dots[symbol]! / (wantedNorm * index.norms[symbol]! || 1);
      results.push([symbol, score]);
      dots[symbol] = 0;
    }
    return top(results);
  }

  /** Symbols of this tree whose help or prompt names the old symbol, or whose defaults read it (a transitional symbol's successor). */
  private byMentions(name: string): [number, number][] {
    if (name.length < 4) return [];
    const results = new Map<number, number>();
    for (const symbol of this.tree.mentions().get(name) ?? []) {
      const info = this.model.symbols[symbol]!;
      results.set(symbol, RENAME_WORDS.test(info.help) ? 0.9 : 0.5);
    }
    for (const symbol of this.tree.defaultsMentioning().get(name) ?? []) results.set(symbol, 1);
    // A name many texts mention (SRCU) points at none of them in particular.
    const spread = results.size > 3 ? 3 / results.size : 1;
    return top([...results].map(([symbol, score]) => [symbol, score * spread] as [number, number]));
  }

  /** Symbols whose names share the old name's rare words, by the weighted Dice coefficient of the names' words. */
  private byName(name: string): [number, number][] {
    const words = [...new Set(nameWords(name))];
    const candidates = new Set<number>();
    for (const word of words) {
      const postings = this.tree.namePostings.get(word);
      if (postings && postings.length <= COMMON_NAME_WORD) for (const symbol of postings) candidates.add(symbol);
    }
    const weights = words.map((word) => this.tree.nameStats.weight(word));
    const own = weights.reduce((sum, weight) => sum + weight, 0);
    const results: [number, number][] = [];
    for (const symbol of candidates) {
      const theirs = this.tree.nameSets[symbol]!;
      let shared = 0;
      words.forEach((word, index) => {
        if (theirs.has(word)) shared += weights[index]!;
      });
      results.push([symbol, (2 * shared) / (own + this.tree.nameWeights[symbol]!)]);
    }
    return top(results);
  }

  /** Where the old symbol would sit in this tree: between its old neighbours that this tree still has. */
  private neighbourWindow(name: string): { from: number; to: number } | null {
    const at = this.oldPosition.get(name);
    if (at === undefined) return null;
    const order = this.sources.oldOrder;
    const find = (step: number): number | undefined => {
      for (let index = at + step; index >= 0 && index < order.length; index += step) {
        const found = this.tree.order.get(order[index]!);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    const before = find(-1);
    const after = find(1);
    if (before === undefined && after === undefined) return null;
    const from = Math.min(before ?? after!, after ?? before!);
    const to = Math.max(before ?? after!, after ?? before!);
    // Neighbours far apart here (a menu that moved) say little about where the symbol went.
    return to - from > 400 ? null : { from, to };
  }
}

/** Weighted word counts of a prompt (each word twice: a prompt says what the option is) and a help text. */
function wordCounts(info: Pick<SymbolInfo, 'prompt' | 'help'>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of textWords(info.prompt ?? '')) counts.set(word, (counts.get(word) ?? 0) + 2);
  for (const word of textWords(info.help)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

interface TextIndex {
  /** word -> the symbols whose prompt or help has it, with the weighted count. */
  postings: Map<string, { symbols: number[]; counts: number[] }>;
  /** Inverse document frequency: a word of every text weighs nothing. */
  weight(word: string): number;
  /** Length of each symbol's weighted word vector, for cosines. */
  norms: Float64Array;
  /** Dot products of one query, all zero between queries. */
  scratch: Float64Array;
  /** Each symbol's prompt, normalized for comparing, or null. */
  prompts: (string | null)[];
}

function buildTextIndex(model: MenuModel): TextIndex {
  const postings = new Map<string, { symbols: number[]; counts: number[] }>();
  for (const symbol of model.symbols) {
    for (const [word, count] of wordCounts(symbol)) {
      let list = postings.get(word);
      if (!list) postings.set(word, (list = { symbols: [], counts: [] }));
      list.symbols.push(symbol.index);
      list.counts.push(count);
    }
  }
  const documents = model.symbols.length;
  const weight = (word: string): number => Math.log((documents + 1) / ((postings.get(word)?.symbols.length ?? 0) + 0.5));
  const norms = new Float64Array(documents);
  for (const [word, list] of postings) {
    const idf = weight(word);
    list.symbols.forEach((symbol, at) => {
      norms[symbol] = norms[symbol]! + (list.counts[at]! * idf) ** 2;
    });
  }
  for (let index = 0; index < documents; index++) norms[index] = Math.sqrt(norms[index]!);
  const prompts = model.symbols.map((symbol) => (symbol.prompt === null ? null : normalizePrompt(symbol.prompt)));
  return { postings, weight, norms, scratch: new Float64Array(documents), prompts };
}

/**
 * What the successor search needs of a tree, built once per tree model (a model does not change
 * while its tree is open): name words and the menu order; on first use the prompt and help
 * index and the names that help texts and defaults mention.
 */
class TreeIndex {
  readonly order: Map<string, number>;
  readonly nameStats = new WordStatistics();
  readonly namePostings = new Map<string, number[]>();
  readonly nameSets: Set<string>[] = [];
  readonly nameWeights: number[];
  private readonly model: MenuModel;
  private textIndex: TextIndex | null = null;
  private textMentions: Map<string, number[]> | null = null;
  private defaultMentions: Map<string, number[]> | null = null;

  constructor(model: MenuModel) {
    this.model = model;
    this.order = menuOrder(model);
    for (const symbol of model.symbols) {
      const words = new Set(nameWords(symbol.name));
      this.nameStats.add(words);
      this.nameSets.push(words);
      for (const word of words) push(this.namePostings, word, symbol.index);
    }
    this.nameWeights = this.nameSets.map((words) => [...words].reduce((sum, word) => sum + this.nameStats.weight(word), 0));
  }

  texts(): TextIndex {
    this.textIndex ??= buildTextIndex(this.model);
    return this.textIndex;
  }

  /** Symbol names written in help texts and prompts as Kconfig writes them: upper case, with or without CONFIG_. */
  mentions(): Map<string, number[]> {
    if (!this.textMentions) {
      this.textMentions = new Map();
      for (const symbol of this.model.symbols) {
        const names = new Set<string>();
        for (const match of `${symbol.prompt ?? ''} ${symbol.help}`.matchAll(/\b(?:CONFIG_)?([A-Z][A-Z0-9_]{2,})\b/g)) names.add(match[1]!);
        for (const found of names) push(this.textMentions, found, symbol.index);
      }
    }
    return this.textMentions;
  }

  /** The names each symbol's defaults read (a transitional symbol hands its value to its successor this way). */
  defaultsMentioning(): Map<string, number[]> {
    if (!this.defaultMentions) {
      this.defaultMentions = new Map();
      for (const symbol of this.model.symbols) {
        const names = new Set<string>();
        for (const reference of symbol.defaults) for (const match of `${reference.name} ${reference.condition}`.matchAll(/[A-Za-z0-9_]+/g)) names.add(match[0]);
        for (const found of names) push(this.defaultMentions, found, symbol.index);
      }
    }
    return this.defaultMentions;
  }
}

const treeIndexes = new WeakMap<MenuModel, TreeIndex>();
const featureIndexes = new WeakMap<MakefileFootprints, Map<string, string[]>>();

function treeIndex(model: MenuModel): TreeIndex {
  let index = treeIndexes.get(model);
  if (!index) treeIndexes.set(model, (index = new TreeIndex(model)));
  return index;
}

/** feature -> the symbols that have it, once per footprints. */
function featureHolders(footprints: MakefileFootprints): Map<string, string[]> {
  let holders = featureIndexes.get(footprints);
  if (!holders) {
    featureIndexes.set(footprints, (holders = new Map()));
    for (const [symbol, features] of footprints.bySymbol) for (const feature of features) push(holders, feature, symbol);
  }
  return holders;
}

/** Every symbol's place in the menu, in the order menuconfig's tree holds them (first entry wins). */
function menuOrder(model: MenuModel): Map<string, number> {
  const order = new Map<string, number>();
  let position = 0;
  const stack = [0];
  while (stack.length > 0) {
    const node = model.nodes[stack.pop()!]!;
    const name = nodeSymbol(model, node)?.name;
    if (name !== undefined) {
      if (!order.has(name)) order.set(name, position);
    }
    position++;
    for (let child = node.children.length - 1; child >= 0; child--) stack.push(node.children[child]!);
  }
  return order;
}

function positionScore(at: number | undefined, window: { from: number; to: number }): number {
  if (at === undefined) return 0;
  const outside = at < window.from ? window.from - at : at > window.to ? at - window.to : 0;
  return 1 / (1 + outside / 10);
}

/**
 * Evidence strong enough to act on without asking: the old symbol's objects are built by this one,
 * this tree's Kconfig says it took over, or the same prompt and help with another method agreeing.
 */
function isConfident(found: Evidence): boolean {
  if ((found.makefile ?? 0) >= 0.5 || (found['kconfig-mention'] ?? 0) >= 0.9) return true;
  const agreeing = (found.name ?? 0) >= 0.4 || (found.position ?? 0) >= 0.5;
  return (found['prompt-help'] ?? 0) >= 0.95 && agreeing;
}

function combine(evidence: Evidence): number {
  let missing = 1;
  for (const [method, score] of Object.entries(evidence) as [SuccessorMethod, number][]) missing *= 1 - METHOD_WEIGHT[method] * score;
  return 1 - missing;
}

/** The penalty of a value of another kind (a number for a bool, y for a string): no value of the new type stands for it. */
export const KIND_MISMATCH = 0.5;

/** The old value as a request for a symbol of `type`: a module of a bool becomes y; a mismatch of kinds costs score. */
export function fitValue(oldValue: string | null, type: SymbolType): { value: string; penalty?: number } {
  const tristate = oldValue === 'y' || oldValue === 'm' || oldValue === 'n';
  if (oldValue === null) return { value: type === 'bool' || type === 'tristate' ? 'y' : '' };
  if (type === 'bool')
    return tristate ? { value: oldValue === 'm' ? 'y' : oldValue, penalty: oldValue === 'm' ? 0.9 : 1 } : { value: 'y', penalty: KIND_MISMATCH };
  if (type === 'tristate') return tristate ? { value: oldValue } : { value: 'y', penalty: KIND_MISMATCH };
  if (tristate) return { value: oldValue, penalty: KIND_MISMATCH };
  if (type === 'string' && !oldValue.startsWith('"')) return { value: `"${oldValue}"`, penalty: KIND_MISMATCH };
  if ((type === 'int' || type === 'hex') && oldValue.startsWith('"')) return { value: oldValue, penalty: KIND_MISMATCH };
  return { value: oldValue };
}

function normalizePrompt(prompt: string): string {
  return prompt.toLowerCase().replace(/\s+/g, ' ').trim();
}

function top(results: [number, number][]): [number, number][] {
  return results.sort((a, b) => b[1] - a[1]).slice(0, PER_METHOD);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
