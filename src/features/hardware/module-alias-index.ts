import { compileFnmatch, type FnmatchPattern, literalCharacterCount, literalPrefix } from './fnmatch.js';

/** One `alias PATTERN MODULE` line of modules.alias that matched a modalias. */
export interface AliasMatch {
  pattern: string;
  module: string;
  /** Literal characters in the pattern; a vendor/device match beats a class match. */
  specificity: number;
}

interface AliasEntry {
  pattern: string;
  module: string;
  prefix: string;
  specificity: number;
  /** The line's place in the file: ties in specificity keep file order. */
  order: number;
  compiled: FnmatchPattern | undefined;
}

/** A node of the trie of literal prefixes: the entries whose prefix ends here, and the next characters. */
interface PrefixNode {
  entries: AliasEntry[];
  next: Map<string, PrefixNode> | undefined;
}

/**
 * modules.alias, indexed by each pattern's literal prefix (`pci:v00008086d`, `acpi*:` gives
 * `acpi`) in a trie, so a modalias is only tried against patterns whose prefix it starts with:
 * one step per character of the modalias, whatever the number of patterns (a hostile capture
 * can hold 100,000 of them). Patterns are compiled lazily.
 */
export class ModuleAliasIndex {
  private readonly root: PrefixNode = { entries: [], next: undefined };
  readonly size: number;

  private constructor(entries: AliasEntry[]) {
    this.size = entries.length;
    for (const entry of entries) {
      let node = this.root;
      for (let index = 0; index < entry.prefix.length; index++) {
        const character = entry.prefix[index] as string;
        node.next ??= new Map();
        let child = node.next.get(character);
        if (!child) {
          child = { entries: [], next: undefined };
          node.next.set(character, child);
        }
        node = child;
      }
      node.entries.push(entry);
    }
  }

  static parse(text: string): ModuleAliasIndex {
    const entries: AliasEntry[] = [];
    for (const line of text.split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (fields[0] !== 'alias' || fields.length < 3) continue;
      const pattern = fields[1] as string;
      entries.push({
        pattern,
        module: normalizeModuleName(fields[2] as string),
        prefix: literalPrefix(pattern),
        specificity: literalCharacterCount(pattern),
        order: entries.length,
        compiled: undefined,
      });
    }
    return new ModuleAliasIndex(entries);
  }

  /** Every pattern matching the modalias, most specific first (ties keep file order). */
  match(modalias: string): AliasMatch[] {
    const found: AliasEntry[] = [];
    let node: PrefixNode | undefined = this.root;
    for (let index = 0; node; index++) {
      for (const entry of node.entries) {
        entry.compiled ??= compileFnmatch(entry.pattern);
        if (entry.compiled.test(modalias)) found.push(entry);
      }
      node = index < modalias.length ? node.next?.get(modalias[index] as string) : undefined;
    }
    return found
      .sort((a, b) => b.specificity - a.specificity || a.order - b.order)
      .map((entry) => ({ pattern: entry.pattern, module: entry.module, specificity: entry.specificity }));
  }

  /** The matches of the highest specificity, one per module. */
  bestMatches(modalias: string): AliasMatch[] {
    const all = this.match(modalias);
    const top = all[0]?.specificity;
    const seen = new Set<string>();
    return all.filter((match) => {
      if (match.specificity !== top || seen.has(match.module)) return false;
      seen.add(match.module);
      return true;
    });
  }
}

/** Module names as the kernel reports them: `-` and `_` are the same, `_` is canonical. */
export function normalizeModuleName(name: string): string {
  return name.replace(/-/g, '_');
}
