import type { ConfigState, MenuModel } from '../../model/types.js';
import { configString } from './new-symbols.js';
import type { OldEntry } from './old-config.js';
import type { ChangedDefault } from './types.js';

/**
 * Values the old config left `n` (`# CONFIG_X is not set`) that this tree turns on by itself:
 * the symbol has no prompt here, its prompt is hidden, or a select forces it; its value follows
 * this tree's defaults and selects, so the default is what changed. (Values the old config set
 * and this tree changes are lost entries.)
 */
export function computedChanges(model: MenuModel, old: Iterable<OldEntry>, written: Map<string, OldEntry>): ChangedDefault[] {
  const changes: ChangedDefault[] = [];
  for (const entry of old) {
    if (entry.text !== 'n') continue;
    const info = model.byName.get(entry.name);
    const now = written.get(entry.name)?.text ?? null;
    if (!info || now === null || now === 'n') continue;
    changes.push({ name: entry.name, kind: 'computed', old: 'n', now, newDefault: now, prompt: info.prompt, type: info.type });
  }
  return changes;
}

/**
 * With the old tree: values the old config held at the old tree's default (its savedefconfig
 * leaves them out) that this tree would default differently. The carried config keeps the old
 * value as if the user had chosen it; `newDefault` is what this tree gives the same config
 * carried as a defconfig (the old tree's savedefconfig, read here).
 */
export function keptChanges(
  model: MenuModel,
  oldModel: MenuModel,
  old: Iterable<OldEntry>,
  minimalNames: ReadonlySet<string>,
  current: ConfigState,
  fromMinimal: ConfigState,
  skip: ReadonlySet<string>,
  written: Map<string, OldEntry>,
): ChangedDefault[] {
  const changes: ChangedDefault[] = [];
  for (const entry of old) {
    if (skip.has(entry.name) || minimalNames.has(entry.name) || !oldModel.byName.has(entry.name)) continue;
    const info = model.byName.get(entry.name);
    // Only a value the config holds as the user's: a symbol without a prompt, or a hidden one, follows its defaults anyway.
    if (!info || info.prompt === null || current.symbols[info.index]?.visible === 'n') continue;
    const now = current.symbols[info.index]?.value;
    const fresh = fromMinimal.symbols[info.index]?.value;
    if (now === undefined || fresh === undefined || now === fresh) continue;
    changes.push({
      name: entry.name,
      kind: 'kept',
      old: entry.text,
      now: written.get(entry.name)?.text ?? null,
      newDefault: info.type === 'string' ? configString(fresh) : fresh,
      prompt: info.prompt,
      type: info.type,
    });
  }
  return changes;
}
