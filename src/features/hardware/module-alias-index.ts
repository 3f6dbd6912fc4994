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
  compiled: FnmatchPattern | undefined;
}

/**
 * modules.alias, indexed by the bus prefix (`pci:`, `usb:`, `acpi*:`...) so a modalias is only
 * tried against patterns that can match it, and compiled lazily.
 */
export class ModuleAliasIndex {
  private readonly byBus = new Map<string, AliasEntry[]>();
  private readonly wildcardBus: AliasEntry[] = [];
  readonly size: number;

  private constructor(entries: AliasEntry[]) {
    this.size = entries.length;
    for (const entry of entries) {
      const bus = busOf(entry.prefix);
      if (bus === null) this.wildcardBus.push(entry);
      else {
        const list = this.byBus.get(bus);
        if (list) list.push(entry);
        else this.byBus.set(bus, [entry]);
      }
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
        compiled: undefined,
      });
    }
    return new ModuleAliasIndex(entries);
  }

  /** Every pattern matching the modalias, most specific first (ties keep file order). */
  match(modalias: string): AliasMatch[] {
    const bus = busOf(modalias);
    const candidates = [...(bus === null ? [] : (this.byBus.get(bus) ?? [])), ...this.wildcardBus];
    const matches: AliasMatch[] = [];
    for (const entry of candidates) {
      if (!modalias.startsWith(entry.prefix)) continue;
      entry.compiled ??= compileFnmatch(entry.pattern);
      if (entry.compiled.test(modalias)) {
        matches.push({ pattern: entry.pattern, module: entry.module, specificity: entry.specificity });
      }
    }
    return matches.sort((a, b) => b.specificity - a.specificity);
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

function busOf(text: string): string | null {
  const colon = text.indexOf(':');
  return colon < 0 ? null : text.slice(0, colon);
}
