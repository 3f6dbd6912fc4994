import type { Session } from '../../engine/session.js';
import { findDefinitions } from '../presets/kconfig-definitions.js';
import type { Preset, PresetOrigin } from '../presets/preset-types.js';
import { SuccessorFinder } from './successors.js';
import type { Successor } from './types.js';

/** A request of a preset or Guix option list for a symbol this tree does not have. */
export interface StaleRequest {
  preset: string;
  origin: PresetOrigin;
  path: string;
  line: number;
  /** Without CONFIG_. */
  name: string;
  /** As written (`y`, `m`, `"text"`), null for `is not set` / `#f`. */
  requested: string | null;
  /** gone: no Kconfig file of the tree defines it; other-arch: only other architectures' do. */
  status: 'gone' | 'other-arch';
  /** other-arch: where it is defined. */
  definedIn: string[];
  /** gone: likely successors, best first (from names and this tree's Kconfig: a preset has no old tree). */
  successors: Successor[];
}

/**
 * Every request of the presets that names a symbol this tree does not have for its
 * architecture, each line once (a file several presets share is named with the first):
 * symbols of other architectures are told apart from symbols that no longer exist, which get
 * successors.
 */
export async function checkPresets(session: Pick<Session, 'model' | 'kernel'>, presets: Preset[]): Promise<StaleRequest[]> {
  const seen = new Set<string>();
  const unknown: Omit<StaleRequest, 'status' | 'definedIn' | 'successors'>[] = [];
  for (const preset of presets) {
    for (const step of preset.steps) {
      for (const file of step.files) {
        for (const entry of file.entries) {
          const key = `${file.path}\0${entry.line}\0${entry.name}`;
          if (session.model.byName.has(entry.name) || seen.has(key)) continue;
          seen.add(key);
          unknown.push({ preset: preset.name, origin: preset.origin, path: file.path, line: entry.line, name: entry.name, requested: entry.text });
        }
      }
    }
  }
  if (unknown.length === 0) return [];
  const definitions = await findDefinitions(session.kernel.srcTree, new Set(unknown.map((request) => request.name)));
  const finder = new SuccessorFinder({ model: session.model, footprints: null, old: null, oldOrder: [] });
  return unknown.map((request) => {
    const definedIn = definitions.get(request.name) ?? [];
    if (definedIn.length > 0) return { ...request, status: 'other-arch', definedIn, successors: [] };
    return { ...request, status: 'gone', definedIn, successors: finder.find(request.name, request.requested ?? 'n') };
  });
}
