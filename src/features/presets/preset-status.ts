import type { MenuModel } from '../../model/types.js';
import type { Preset } from './preset-types.js';
import { valueMatches } from './request-outcome.js';

export type Satisfaction = 'full' | 'partial' | 'none' | 'empty';

export interface PresetStatus {
  satisfaction: Satisfaction;
  /** Requests the current values meet, of those about symbols this configuration has. */
  met: number;
  total: number;
  /** Requests about symbols this configuration does not have (other arches, removed symbols). */
  unknown: number;
  /** Names (without CONFIG_) of the requests not met. */
  unmet: string[];
}

/** The requests of a preset, one per symbol, the last winning, as applying it would leave them. */
export function presetRequests(preset: Preset): { name: string; text: string | null }[] {
  const byName = new Map<string, { name: string; text: string | null }>();
  for (const step of preset.steps) {
    if (step.kind !== 'merge') byName.clear();
    for (const file of step.files) for (const entry of file.entries) byName.set(entry.name, { name: entry.name, text: entry.text });
  }
  return [...byName.values()];
}

/** Whether the current values already satisfy a preset fully, partly, or not at all. */
export function presetStatus(preset: Preset, model: MenuModel, valueOf: (name: string) => string | undefined): PresetStatus {
  let met = 0;
  let total = 0;
  let unknown = 0;
  const unmet: string[] = [];
  for (const request of presetRequests(preset)) {
    const info = model.byName.get(request.name);
    if (!info) {
      unknown++;
      continue;
    }
    total++;
    if (valueMatches(info, request.text, valueOf(request.name))) met++;
    else unmet.push(request.name);
  }
  const satisfaction: Satisfaction = total === 0 ? 'empty' : met === total ? 'full' : met === 0 ? 'none' : 'partial';
  return { satisfaction, met, total, unknown, unmet };
}
