import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../../engine/session.js';
import { catalogFor, type PresetCatalog } from '../../../features/presets/index.js';
import { plural } from '../../../model/plural.js';
import { errorText } from '../../intents/messages.js';
import type { PaneHost } from '../../shell/pane.js';

export type CatalogStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; catalog: PresetCatalog } | { kind: 'failed'; error: string };

export interface PresetCatalogHandle {
  status: CatalogStatus;
  /** The last catalog read: the list stays as it was while the presets are read again. */
  last: PresetCatalog | null;
  /** Read the presets again; `announce` says so in the status line when done. */
  reload(announce: boolean): void;
}

/** The presets a session can use, read when the pane first opens, again on `r` and after saving a preset. */
export function usePresetCatalog(session: Session, where: { env: NodeJS.ProcessEnv; cwd: string }, open: boolean, host: PaneHost): PresetCatalogHandle {
  const { env, cwd } = where;
  const [status, setStatus] = useState<CatalogStatus>({ kind: 'idle' });
  const loads = useRef(0);
  const announce = useRef(false);
  const last = useRef<PresetCatalog | null>(null);

  useEffect(() => () => void loads.current++, []);

  useEffect(() => {
    if (!open || status.kind !== 'idle') return;
    const run = ++loads.current;
    const say = (text: string, tone: 'info' | 'error'): void => {
      if (announce.current) host.dispatch({ type: 'message', message: { text, tone } });
      announce.current = false;
    };
    setStatus({ kind: 'loading' });
    catalogFor(session, { env, cwd, kbuildDefconfig: session.kbuildVariable('KBUILD_DEFCONFIG') }).then(
      (loaded) => {
        if (loads.current !== run) return;
        setStatus({ kind: 'ready', catalog: loaded });
        const broken = loaded.issues.length > 0 ? `; ${plural(loaded.issues.length, 'file')} cannot be read` : '';
        say(`Read ${plural(loaded.presets.length, 'preset')} again${broken}`, 'info');
      },
      (cause: unknown) => {
        if (loads.current !== run) return;
        setStatus({ kind: 'failed', error: errorText(cause) });
        say(`Cannot read the presets: ${errorText(cause)}`, 'error');
      },
    );
  }, [open, status.kind, session, env, cwd, host]);

  const reload = useCallback((say: boolean) => {
    loads.current++;
    announce.current = say;
    setStatus({ kind: 'idle' });
  }, []);

  if (status.kind === 'ready') last.current = status.catalog;
  return { status, last: last.current, reload };
}
