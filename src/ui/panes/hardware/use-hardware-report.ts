import { useCallback, useEffect, useRef, useState } from 'react';
import type { Session } from '../../../engine/session.js';
import { hardwareInputsFor, type HardwareSourceOptions } from '../../../features/hardware/hardware-source.js';
import { analyzeHardware, suggestionsFrom, type HardwareAnalysis, type HardwareReport } from '../../../features/hardware/suggestions.js';
import type { ConfigState } from '../../../model/types.js';
import { errorText } from '../../intents/messages.js';

export type HardwareReportState =
  | { kind: 'idle' }
  | { kind: 'loading'; step: string }
  /** `config` is the state the report was computed for; `updating` while the next one is computed. */
  | { kind: 'ready'; report: HardwareReport; config: ConfigState; updating: boolean }
  | { kind: 'failed'; error: string };

export interface HardwareReportHandle {
  status: HardwareReportState;
  /** Read the inputs again (a device was plugged in, a module loaded). */
  refresh(): void;
}

/**
 * The hardware suggestions for the open configuration, computed off the input path once the pane
 * is first opened: the inputs are read (any of them may fail: that is in the report), devices and
 * modules are mapped to this tree's symbols once, and the suggestions are computed again
 * whenever the configuration changes while the pane is open.
 */
export function useHardwareReport(session: Session, source: HardwareSourceOptions, config: ConfigState, open: boolean): HardwareReportHandle {
  const [status, setStatus] = useState<HardwareReportState>({ kind: 'idle' });
  const analysis = useRef<HardwareAnalysis | null>(null);
  const sourceRef = useRef(source);
  sourceRef.current = source;
  const generation = useRef(0);

  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  useEffect(() => {
    if (!open || status.kind !== 'idle') return;
    const run = ++generation.current;
    const current = (): boolean => generation.current === run;
    const step = (text: string): void => {
      if (current()) setStatus({ kind: 'loading', step: text });
    };
    (async () => {
      step("reading lsmod, lspci, sysfs, mounts and the running kernel's config...");
      const inputs = await hardwareInputsFor(sourceRef.current);
      step('matching devices and modules to the Makefiles of this tree...');
      const analyzed = await analyzeHardware(session, inputs);
      step('asking kconfig what each suggestion needs...');
      const at = session.state;
      const report = await suggestionsFrom(session, analyzed);
      if (!current()) return;
      analysis.current = analyzed;
      setStatus({ kind: 'ready', report, config: at, updating: false });
    })().catch((cause: unknown) => {
      if (current()) setStatus({ kind: 'failed', error: errorText(cause) });
    });
  }, [open, status.kind, session]);

  const stale = status.kind === 'ready' && status.config !== config && !status.updating;
  useEffect(() => {
    if (!open || !stale || !analysis.current) return;
    const analyzed = analysis.current;
    const run = ++generation.current;
    setStatus((previous) => (previous.kind === 'ready' ? { ...previous, updating: true } : previous));
    const at = session.state;
    suggestionsFrom(session, analyzed).then(
      (report) => {
        if (generation.current === run) setStatus({ kind: 'ready', report, config: at, updating: false });
      },
      (cause: unknown) => {
        if (generation.current === run) setStatus({ kind: 'failed', error: errorText(cause) });
      },
    );
  }, [open, stale, session]);

  const refresh = useCallback(() => {
    generation.current++;
    analysis.current = null;
    setStatus({ kind: 'idle' });
  }, []);

  return { status, refresh };
}
