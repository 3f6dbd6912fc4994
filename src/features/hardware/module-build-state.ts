import type { SymbolType, Tristate } from '../../model/types.js';
import { type BuildRule, type Gate, type KbuildModuleMap, type KbuildObject, type ObjCondition, objectsForModule } from './kbuild-module-map.js';
import { normalizeModuleName } from './module-alias-index.js';

/** What a configuration builds for a module name: built in (y), as a module (m) or not at all (n). */
export type BuildState = Tristate;

/** The symbol values and types a build state is computed from (a session, or a parsed .config). */
export interface ConfigValues {
  /** `y`, `m`, `n`, or anything else for non-tristate symbols; undefined for a symbol the tree lacks. */
  value(name: string): string | undefined;
  type(name: string): SymbolType | undefined;
}

/** The Makefile lines that can build a module on this architecture, as `moduleBuildState` reads them. */
export interface ModuleObjects {
  module: string;
  /** The lines that decide it, module-capable ones only when there are any (see `decidingObjects`). */
  objects: KbuildObject[];
}

const RANK: Record<BuildState, number> = { n: 0, m: 1, y: 2 };

/**
 * The lines that decide a module name: those of the target architecture (the module's own
 * directory first when known), and of these the ones that can build a module when there are any.
 * A plain built-in object of the same name is not that module: `msr.o` of X86_LOCAL_APIC (bool) in
 * arch/x86/events is not the `msr` module of X86_MSR (tristate); `kvm.o` of KVM_GUEST is not `kvm`.
 */
export function moduleObjects(
  map: KbuildModuleMap,
  module: string,
  scope: { srcArch: string; treeDir?: string | null },
  types: Pick<ConfigValues, 'type'>,
): ModuleObjects {
  const name = normalizeModuleName(module);
  const all = objectsForModule(map, name, { srcArch: scope.srcArch, treeDir: scope.treeDir ?? null });
  const capable = all.filter((object) => canBeModule(object, types));
  return { module: name, objects: capable.length > 0 ? capable : all };
}

/** Whether the line builds a module when its symbol is m: a tristate own symbol, `obj-m`, or a tristate directory guard. */
function canBeModule(object: KbuildObject, types: Pick<ConfigValues, 'type'>): boolean {
  const { condition } = object.rule;
  if (condition.kind === 'fixed') {
    if (condition.value === 'm') return true;
    return object.inheritedFrom !== null && conditionSymbols(object.inheritedFrom.condition).some((name) => types.type(name) === 'tristate');
  }
  const own = object.symbols.at(-1);
  return own !== undefined && types.type(own) === 'tristate';
}

/** The best any deciding line gives: one line building it in makes it built in, as kbuild links it into vmlinux. */
export function moduleBuildState(objects: ModuleObjects, values: Pick<ConfigValues, 'value'>): BuildState {
  let best: BuildState = 'n';
  for (const object of objects.objects) {
    const state = objectBuildState(object, values);
    if (RANK[state] > RANK[best]) best = state;
  }
  return best;
}

/** One line: its condition as make expands it, under its ifdef/ifeq tests and (for `obj-y`/`obj-m`) its directory's guard. */
export function objectBuildState(object: KbuildObject, values: Pick<ConfigValues, 'value'>): BuildState {
  if (!object.rule.gates.every((gate) => gatePasses(gate, values))) return 'n';
  const own = conditionState(object.rule.condition, values);
  if (object.rule.condition.kind !== 'fixed' || !object.inheritedFrom) return own;
  const guard = conditionState(object.inheritedFrom.condition, values);
  if (guard === 'n') return 'n';
  // A directory entered through obj-m builds its modules; its built-in objects are not linked.
  return own === 'm' ? 'm' : guard === 'y' ? 'y' : 'n';
}

export function gatePasses(gate: Gate, values: Pick<ConfigValues, 'value'>): boolean {
  const value = tristate(values.value(gate.symbol));
  switch (gate.test) {
    case 'set':
      return value !== 'n';
    case 'unset':
      return value === 'n';
    case 'y':
      return value === 'y';
    case 'not-y':
      return value !== 'y';
    case 'm':
      return value === 'm';
  }
}

function conditionState(condition: ObjCondition, values: Pick<ConfigValues, 'value'>): BuildState {
  switch (condition.kind) {
    case 'fixed':
      return condition.value;
    case 'symbol':
      return tristate(values.value(condition.name));
    case 'subst-y': {
      const text = tristate(values.value(condition.text));
      return text === 'y' ? tristate(values.value(condition.replacement)) : text;
    }
    case 'any-y':
      return condition.names.some((name) => values.value(name) === 'y') ? 'y' : 'n';
    case 'unknown':
      return 'n';
  }
}

/** The symbols a condition reads. */
export function conditionSymbols(condition: ObjCondition): string[] {
  switch (condition.kind) {
    case 'symbol':
      return [condition.name];
    case 'subst-y':
      return [condition.replacement, condition.text];
    case 'any-y':
      return condition.names;
    default:
      return [];
  }
}

/**
 * The symbol values that make one line build its object at `state` (y, or m where it can be a
 * module): the line's own symbols, the values its tests need, and its directory's guard.
 */
export function valuesToBuild(object: KbuildObject, state: 'y' | 'm'): { name: string; value: 'y' | 'm' | 'n' }[] {
  const wanted = new Map<string, 'y' | 'm' | 'n'>();
  const want = (name: string, value: 'y' | 'm' | 'n'): void => {
    const known = wanted.get(name);
    if (known === undefined || RANK[value] > RANK[known]) wanted.set(name, value);
  };
  for (const gate of object.rule.gates) {
    if (gate.test === 'unset' || gate.test === 'not-y') want(gate.symbol, 'n');
    else want(gate.symbol, gate.test === 'm' ? 'm' : gate.test === 'set' ? state : 'y');
  }
  const condition = object.rule.condition;
  if (condition.kind === 'fixed' && object.inheritedFrom) {
    for (const name of conditionSymbols(object.inheritedFrom.condition)) want(name, condition.value === 'y' ? 'y' : state);
  } else if (condition.kind === 'subst-y') {
    want(condition.text, state);
    want(condition.replacement, state);
  } else if (condition.kind === 'any-y') {
    const first = condition.names[0];
    if (first) want(first, 'y');
  } else {
    for (const name of conditionSymbols(condition)) want(name, state);
  }
  return [...wanted].map(([name, value]) => ({ name, value }));
}

function tristate(value: string | undefined): BuildState {
  return value === 'y' || value === 'm' ? value : 'n';
}

export type { BuildRule };
