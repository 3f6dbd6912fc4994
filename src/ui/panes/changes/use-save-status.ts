import { useEffect, useState } from 'react';
import type { Session } from '../../../engine/session.js';
import { configFileDifferences, type FileDifference } from '../../../features/changes/file-differences.js';
import type { ConfigState } from '../../../model/types.js';
import { useSessionRevision } from '../../shell/use-session-state.js';

/** What the header says about saving, and the values the save changes in the file anyway. */
export interface SaveStatus {
  text: string;
  /** Something would be lost or changed by not saving: drawn to stand out. */
  attention: boolean;
  onSave: readonly FileDifference[];
}

const NONE: readonly FileDifference[] = [];
const EMPTY: ReadonlySet<string> = new Set();
const unsaved = new WeakMap<ConfigState, ReadonlySet<string>>();

/**
 * The names of the values that differ from the file as loaded or last saved, found once per
 * state (a cursor move looks at no symbol again).
 */
function unsavedNames(session: Session, config: ConfigState): ReadonlySet<string> {
  let names = unsaved.get(config);
  if (!names) unsaved.set(config, (names = new Set(session.unsavedValues().map((change) => change.name))));
  return names;
}

export function saveStatusText(steps: number, values: number, onSave: number): { text: string; attention: boolean } {
  if (values > 0) return { text: `${steps} unsaved change${steps === 1 ? '' : 's'}`, attention: true };
  if (onSave > 0) return { text: `saving changes ${onSave} value${onSave === 1 ? '' : 's'} (p)`, attention: true };
  return { text: 'saved', attention: false };
}

/**
 * The header's word on saving: the unsaved changes while a value differs from the file, and
 * the values saving changes anyway (this machine's toolchain, this tree's Kconfig), read from
 * the file at start and whenever the session comes back to a saved state (a save, an undo).
 */
export function useSaveStatus(session: Session, config: ConfigState): SaveStatus {
  // A save changes the file but not the state: every change of the session counts.
  const changes = useSessionRevision(session);
  const saved = session.unsavedCount === 0;
  const key = `${changes}`;
  // The first frame already says it, from the file as the session read it (a start's last bytes
  // would otherwise be this line, drawn a frame later); later keys read the file again.
  const [onSave, setOnSave] = useState<{ key: string | null; differences: readonly FileDifference[] }>(() =>
    saved ? { key, differences: session.fileDifferences() } : { key: null, differences: NONE },
  );
  useEffect(() => {
    if (!saved || onSave.key === key) return;
    let live = true;
    configFileDifferences(session).then(
      (differences) => live && setOnSave({ key, differences }),
      () => live && setOnSave({ key, differences: NONE }),
    );
    return () => {
      live = false;
    };
  }, [session, key, saved, onSave.key]);
  const pending = session.unsavedCount === 0 ? EMPTY : unsavedNames(session, config);
  const differences = pending.size === 0 ? onSave.differences : onSave.differences.filter((difference) => !pending.has(difference.name));
  return { ...saveStatusText(session.unsavedCount, pending.size, differences.length), onSave: differences };
}
