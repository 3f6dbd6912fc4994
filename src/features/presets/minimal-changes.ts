import { type Session, TuxconfError } from '../../engine/session.js';
import { formatConfigLine, readConfigAssignments } from '../../model/config-text.js';
import type { MenuModel } from '../../model/types.js';
import { changedOptions, type ExportEntry } from './export-changes.js';

export type MinimalSession = Pick<Session, 'model' | 'state' | 'configText' | 'defconfigText' | 'evaluateConfigText'>;

/** How often the kernel is asked again after putting back lines a check showed were needed. */
const REPAIR_ROUNDS = 4;

/**
 * The config text Guix's `make-linux-libre` and `merge_config.sh` hand to olddefconfig: the
 * base with the entries appended (the last assignment of a symbol wins in conf_read).
 */
export function appendedConfig(baseText: string, entries: readonly { name: string; text: string | null }[]): string {
  const base = baseText === '' || baseText.endsWith('\n') ? baseText : `${baseText}\n`;
  return base + entries.map((entry) => `${formatConfigLine(entry)}\n`).join('');
}

/** Names whose line differs between two .config texts (a line on one side only counts). */
function differingNames(a: string, b: string): Set<string> {
  const left = readConfigAssignments(a);
  const right = readConfigAssignments(b);
  const names = new Set<string>();
  for (const [name, text] of left) if (right.get(name) !== text) names.add(name);
  for (const name of right.keys()) if (!left.has(name)) names.add(name);
  return names;
}

/**
 * The first guess, savedefconfig's rule against the base: an option the base assigns keeps its
 * line when the user could change it now (its value then comes from that line); any other option
 * keeps it only when the kernel's savedefconfig writes it (its default does not give its value).
 */
function firstGuess(session: MinimalSession, differing: ExportEntry[], baseText: string, minimal: string): ExportEntry[] {
  const inBase = readConfigAssignments(baseText);
  const needed = readConfigAssignments(minimal);
  return differing.filter((entry) => {
    if (needed.has(entry.name)) return true;
    if (!inBase.has(entry.name)) return false;
    const info = session.model.byName.get(entry.name);
    return info !== undefined && session.state.symbols[info.index]?.changeable === true;
  });
}

/**
 * The smallest list of options that, appended to the base and put through olddefconfig, gives the
 * session's configuration back, as savedefconfig's list does against the defaults. The kernel is
 * the judge: the guess is applied to the base in the frontend; options whose values come out
 * wrong are put back and it is applied again, until the result is this configuration exactly.
 */
export async function minimalChanges(session: MinimalSession, baseText: string): Promise<ExportEntry[]> {
  const current = await session.configText();
  const differing = changedOptions(session.model, baseText, current);
  let kept = firstGuess(session, differing, baseText, await session.defconfigText());
  for (let round = 0; round <= REPAIR_ROUNDS; round++) {
    const result = await session.evaluateConfigText(Buffer.from(appendedConfig(baseText, kept)));
    if (result === current) return placeInMenus(session.model, kept);
    const wrong = differingNames(result, current);
    const keptNames = new Set(kept.map((entry) => entry.name));
    const added = differing.filter((entry) => wrong.has(entry.name) && !keptNames.has(entry.name));
    if (added.length === 0) break;
    kept = differing.filter((entry) => keptNames.has(entry.name) || wrong.has(entry.name));
  }
  const whole = await session.evaluateConfigText(Buffer.from(appendedConfig(baseText, differing)));
  if (whole === current) return placeInMenus(session.model, differing);
  const wrong = [...differingNames(whole, current)].slice(0, 5).map((name) => `CONFIG_${name}`);
  throw new TuxconfError(`no list of options gives this configuration back from the base: ${wrong.join(', ')} come out different`, {
    hint: 'export --against defconfig or against another base; report this as a tuxconf bug with the two configs',
  });
}

/** Each menu node's place in a walk of the menu tree, the order the kernel writes a .config in. */
function menuOrder(model: MenuModel): Map<number, number> {
  const order = new Map<number, number>();
  const stack = [0];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    order.set(id, order.size);
    const children = model.nodes[id]?.children ?? [];
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as number);
  }
  return order;
}

/** `Device Drivers > Network device support`: the menus, menuconfig entries and choices a node sits in. */
function menuPath(model: MenuModel, nodeId: number): string {
  const names: string[] = [];
  for (let id = model.nodes[nodeId]?.parent ?? 0; id > 0; id = model.nodes[id]?.parent ?? 0) {
    const node = model.nodes[id];
    if (!node?.prompt) continue;
    if (node.kind === 'menu' || node.kind === 'choice' || (node.kind === 'symbol' && node.menuconfig)) names.unshift(node.prompt);
  }
  return names.length === 0 ? 'General' : names.join(' > ');
}

/** The entries in the menu's order, each with its prompt and the menus it sits in. */
export function placeInMenus(model: MenuModel, entries: readonly ExportEntry[]): ExportEntry[] {
  const order = menuOrder(model);
  const placed = entries.map((entry) => {
    const info = model.byName.get(entry.name);
    const nodeId = info?.nodes.find((id) => model.nodes[id]?.prompt) ?? info?.nodes[0];
    if (nodeId === undefined) return { entry, at: Number.MAX_SAFE_INTEGER };
    const prompt = model.nodes[nodeId]?.prompt ?? undefined;
    return { entry: { ...entry, prompt, menu: menuPath(model, nodeId) }, at: order.get(nodeId) ?? Number.MAX_SAFE_INTEGER };
  });
  return placed.sort((a, b) => a.at - b.at).map((item) => item.entry);
}
