import { homedir } from 'node:os';
import type { PresetListing, PresetOrigin, SourceIssue } from '../../../features/presets/index.js';
import { formatIssue, satisfactionMark } from '../../../features/presets/index.js';
import { fit } from '../../text/fit.js';

/** One line of the presets list: a group heading, a preset, or a note under a group. */
export type PresetRow =
  { kind: 'heading'; text: string } | { kind: 'preset'; key: string; listing: PresetListing } | { kind: 'note'; text: string; tone: 'muted' | 'error' };

/** What names a preset in the pane: the same name can come from two origins (`user:efi`, `project:efi`). */
export function presetKey(listing: Pick<PresetListing, 'preset'>): string {
  return `${listing.preset.origin}:${listing.preset.name}`;
}

export interface PresetDirs {
  user: string;
  project: string;
}

const HEADINGS: Record<PresetOrigin, string> = {
  tree: 'Fragments of this tree (make NAME.config)',
  base: 'Whole configurations (replace every value)',
  user: 'Your presets',
  project: "This project's presets",
  file: 'Files',
};

/** `/home/me/x` as `~/x`, for headings and paths that must fit a line. */
export function tildePath(path: string, home = homedir()): string {
  return home && (path === home || path.startsWith(`${home}/`)) ? `~${path.slice(home.length)}` : path;
}

/**
 * The list the pane draws: the catalog grouped by origin in its own order, your presets always
 * (with where they are kept, so an empty group says how to fill it), then the files that cannot
 * be read, each with the line to fix.
 */
export function presetRows(listing: readonly PresetListing[], issues: readonly SourceIssue[], dirs: PresetDirs): PresetRow[] {
  const rows: PresetRow[] = [];
  const byOrigin = new Map<PresetOrigin, PresetListing[]>();
  for (const entry of listing) byOrigin.set(entry.preset.origin, [...(byOrigin.get(entry.preset.origin) ?? []), entry]);
  const origins: PresetOrigin[] = ['tree', 'base', 'user', 'project', 'file'];
  for (const origin of origins) {
    const entries = byOrigin.get(origin) ?? [];
    if (entries.length === 0 && origin !== 'user') continue;
    const where = origin === 'user' ? ` (${tildePath(dirs.user)})` : origin === 'project' ? ` (${tildePath(dirs.project)})` : '';
    rows.push({ kind: 'heading', text: HEADINGS[origin] + where });
    for (const entry of entries) rows.push({ kind: 'preset', key: presetKey(entry), listing: entry });
    if (entries.length === 0) rows.push({ kind: 'note', text: 'none yet: c saves the current changes as one', tone: 'muted' });
  }
  if (issues.length > 0) {
    rows.push({ kind: 'heading', text: 'Preset files that cannot be read' });
    for (const issue of issues) rows.push({ kind: 'note', text: formatIssue({ ...issue, path: issuePath(issue.path, dirs) }), tone: 'error' });
  }
  return rows;
}

/** A file in your or the project's preset directory by its name there (the headings say where they are). */
function issuePath(path: string, dirs: PresetDirs): string {
  if (path.startsWith(`${dirs.user}/`)) return path.slice(dirs.user.length + 1);
  if (path.startsWith(`${dirs.project}/`)) return `.tuxconf/presets/${path.slice(dirs.project.length + 1)}`;
  return tildePath(path);
}

export function nameColumn(rows: readonly PresetRow[]): number {
  let width = 12;
  for (const row of rows) if (row.kind === 'preset') width = Math.max(width, row.listing.preset.name.length);
  return Math.min(26, width);
}

/** `met/total` of the requests this configuration knows, blank for a preset that asks nothing. */
export function countText(listing: PresetListing): string {
  return listing.status.total > 0 ? `${listing.status.met}/${listing.status.total}` : '';
}

/**
 * `1 [~] kvm_guest.config    12/40  Bootable as a KVM guest...`: the place in the apply order
 * when marked, whether the config satisfies it ([x] fully, [~] partly, [ ] not, [-] nothing to
 * ask), the name, the requests met, the description; `width` columns.
 */
export function presetRowText(row: PresetRow, order: number, nameWidth: number, width: number): string {
  if (row.kind === 'heading') return fit(row.text, width);
  if (row.kind === 'note') return fit(`    ${row.text}`, width);
  const { preset } = row.listing;
  const mark = order > 0 ? String(order).padStart(2) : '  ';
  const name = preset.name.length > nameWidth ? `${preset.name.slice(0, nameWidth - 1)}…` : preset.name.padEnd(nameWidth);
  return fit(`${mark} ${satisfactionMark(row.listing.status)} ${name} ${countText(row.listing).padStart(7)}  ${preset.description}`, width);
}

/** Index of the first preset row at or after `from` (or before it, when none follows), -1 when there is none. */
export function nearestPreset(rows: readonly PresetRow[], from: number): number {
  for (let index = Math.max(0, from); index < rows.length; index++) if (rows[index]?.kind === 'preset') return index;
  for (let index = Math.min(from, rows.length - 1); index >= 0; index--) if (rows[index]?.kind === 'preset') return index;
  return -1;
}

/** Indices of the preset rows, in order. */
export function presetIndices(rows: readonly PresetRow[]): number[] {
  const indices: number[] = [];
  rows.forEach((row, index) => {
    if (row.kind === 'preset') indices.push(index);
  });
  return indices;
}
