import type { Session } from '../../engine/session.js';
import { type ConfigAssignment, stripConfigPrefix } from '../../model/config-text.js';
import type { SymbolInfo } from '../../model/types.js';
import { fnmatch } from './fnmatch.js';
import { selectorNames, symbolNames } from './kconfig-expression.js';
import type { ModuleMapping } from './module-symbols.js';
import type { HardwareAnalysis } from './suggestions.js';

export type TrimSession = Pick<Session, 'model' | 'symbol' | 'value'>;

/** Why a module symbol stays. */
export interface KeptSymbol {
  name: string;
  why: string;
}

export interface TrimPlan {
  /** Symbols now `m` that nothing on the machine needs: they become "is not set". */
  disable: string[];
  /** Symbols now `m` that stay, with the first reason found. */
  keep: KeptSymbol[];
  /** Changes beyond disabling, made for parity with `make localmodconfig` (IKCONFIG). */
  extra: ConfigAssignment[];
  /** Loaded modules the configuration has no symbol for (localmodconfig's "did not have configs"). */
  lacking: { module: string; symbols: string[] }[];
  /** Loaded modules no symbol of this tree builds (out-of-tree, renamed, other arches): the trimmed config cannot keep them. */
  cannotKeep: { module: string; why: string }[];
}

export interface TrimOptions {
  /**
   * Keep-list: a pattern with `/` keeps every symbol defined under that Kconfig path (like
   * LMC_KEEP=drivers/usb), any other is a glob over symbol names (`SND_*`, `CONFIG_USB_*`).
   */
  keep?: string[];
  /** Symbols to keep for reasons found by applying a plan (see applyTrimVerified), with the reason. */
  alsoKeep?: Map<string, string>;
}

/**
 * Trims the configuration to the machine, as `make localmodconfig` does: every module symbol
 * that no loaded module, device or mount needs is turned off, keeping what the needed ones
 * depend on (kconfig's own `depends on`, menus and ifs included) and one selector of each needed
 * promptless symbol.
 */
export function trimPlan(session: TrimSession, analysis: HardwareAnalysis, options: TrimOptions = {}): TrimPlan {
  const kept = new Map<string, string>();
  const queue: string[] = [];
  const keep = (name: string, why: string): void => {
    if (kept.has(name) || !session.symbol(name)) return;
    kept.set(name, why);
    queue.push(name);
  };

  for (const mapping of analysis.mappings) {
    if (mapping.kind !== 'mapped') continue;
    for (const object of mapping.objects) {
      for (const name of object.symbols) keep(name, `builds module ${mapping.need.module} (${object.makefile}:${object.line})`);
    }
  }
  for (const [name, why] of options.alsoKeep ?? []) keep(name, why);
  for (const need of analysis.needs.symbols) keep(need.symbol, need.chains[0]?.map((link) => link.text).join(' -> ') ?? 'needed');
  const patterns = options.keep ?? [];
  for (const info of session.model.symbols) {
    const pattern = patterns.find((candidate) => matchesKeep(candidate, info));
    if (pattern) keep(info.name, `keep-list pattern ${pattern}`);
  }

  while (queue.length > 0) {
    const name = queue.shift() as string;
    const info = session.symbol(name) as SymbolInfo;
    for (const dependency of symbolNames(info.dependsOn)) {
      if (session.value(dependency) === 'm') keep(dependency, `${name} depends on it`);
    }
    if (session.value(name) === 'm' && info.prompt === null && info.selectedBy !== '') {
      const selector = neededSelector(session, info.selectedBy, kept);
      if (selector) keep(selector, `selects ${name}, which has no prompt`);
    }
  }

  const disable: string[] = [];
  const keptList: KeptSymbol[] = [];
  for (const info of session.model.symbols) {
    if (session.value(info.name) !== 'm') continue;
    const why = kept.get(info.name);
    if (why) keptList.push({ name: info.name, why });
    else disable.push(info.name);
  }
  return {
    disable,
    keep: keptList,
    extra: localmodconfigExtras(session),
    lacking: lackingModules(session, analysis.mappings),
    cannotKeep: analysis.mappings.flatMap((mapping) =>
      mapping.kind !== 'mapped' && mapping.need.loaded ? [{ module: mapping.need.module, why: mapping.why }] : [],
    ),
  };
}

function matchesKeep(pattern: string, info: SymbolInfo): boolean {
  if (pattern.includes('/')) {
    const prefix = pattern.replace(/^\.\//, '');
    return info.definedAt.some((location) => location.file.startsWith(prefix));
  }
  return fnmatch(stripConfigPrefix(pattern), info.name);
}

/**
 * A promptless `m` symbol stays only while something selects it: if no selector is `y` or kept
 * already, the first `m` one is kept (what streamline_config.pl does too).
 */
function neededSelector(session: TrimSession, selectedBy: string, kept: Map<string, string>): string | null {
  const selectors = selectorNames(selectedBy);
  if (selectors.some((selector) => session.value(selector) === 'y' || (session.value(selector) === 'm' && kept.has(selector)))) {
    return null;
  }
  // kconfig orders the reverse dependency by menu building; "first" is meant in Kconfig source order.
  const inSourceOrder = selectors.filter((selector) => session.value(selector) === 'm').sort((a, b) => sourceOrder(session, a) - sourceOrder(session, b));
  return inSourceOrder[0] ?? null;
}

function sourceOrder(session: TrimSession, name: string): number {
  const nodes = session.symbol(name)?.nodes ?? [];
  return nodes.length > 0 ? Math.min(...nodes) : Number.MAX_SAFE_INTEGER;
}

/**
 * localmodconfig turns IKCONFIG on (as a module) so the trimmed kernel carries its config for the
 * next trim. Without module support the kernel makes that m a y, so the plan asks for y and says so.
 */
function localmodconfigExtras(session: TrimSession): ConfigAssignment[] {
  if (!session.symbol('IKCONFIG') || (session.value('IKCONFIG') ?? 'n') !== 'n') return [];
  return [
    { name: 'IKCONFIG', text: modulesOn(session) ? 'm' : 'y' },
    { name: 'IKCONFIG_PROC', text: null },
  ];
}

function modulesOn(session: TrimSession): boolean {
  return session.value('MODULES') === 'y';
}

/** Loaded modules none of whose symbols is on: what localmodconfig prints as "did not have configs". */
function lackingModules(session: TrimSession, mappings: ModuleMapping[]): { module: string; symbols: string[] }[] {
  const lacking: { module: string; symbols: string[] }[] = [];
  for (const mapping of mappings) {
    if (mapping.kind !== 'mapped' || !mapping.need.loaded) continue;
    const symbols = mapping.objects.map((object) => object.symbols.at(-1) as string);
    const on = symbols.some((name) => {
      const value = session.value(name);
      return value === 'y' || value === 'm';
    });
    if (!on) lacking.push({ module: mapping.need.module, symbols: [...new Set(symbols)] });
  }
  return lacking;
}
