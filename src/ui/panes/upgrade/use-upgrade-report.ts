import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../../engine/session.js';
import type { HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import { type Carried, readOldConfig, reportLoaded } from '../../../features/upgrade/index.js';
import { errorText } from '../../intents/messages.js';

export type UpgradeReportState =
  | { kind: 'idle' }
  | { kind: 'loading'; source: string }
  | { kind: 'ready'; source: string; carried: Carried }
  | { kind: 'failed'; source: string; error: string };

/**
 * The upgrade report of the config the review is asked for (`wanted`: a file loaded with `o`;
 * null: the one reviewed last, else the config the menu opened), computed off the input path
 * when the pane opens on a source it has no report for. The machine's hardware flags what
 * matters for it; if the machine cannot be read, the report comes without flags.
 */
export function useUpgradeReport(session: Session, hardware: HardwareSourceOptions, open: boolean, wanted: string | null): UpgradeReportState {
  const [status, setStatus] = useState<UpgradeReportState>({ kind: 'idle' });
  const last = useRef<string | null>(null);
  const generation = useRef(0);
  const hardwareRef = useRef(hardware);
  hardwareRef.current = hardware;
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );
  const source = wanted ?? last.current ?? session.kernel.configPath;
  const current = status.kind !== 'idle' && status.source === source;
  useEffect(() => {
    if (!open || current) return;
    last.current = source;
    const run = ++generation.current;
    setStatus({ kind: 'loading', source });
    (async () => {
      const old = await readOldConfig(source);
      const env = process.env;
      const carried = await reportLoaded(session, old, { hardware: hardwareRef.current, env }).catch(() => reportLoaded(session, old, { env }));
      if (generation.current === run) setStatus({ kind: 'ready', source, carried });
    })().catch((cause: unknown) => {
      if (generation.current === run) setStatus({ kind: 'failed', source, error: errorText(cause) });
    });
  }, [open, current, source, session]);
  return status;
}
