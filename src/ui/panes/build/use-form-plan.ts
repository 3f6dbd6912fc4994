import { useEffect, useState } from 'react';
import { planCommandLine } from '../../../features/build/make-invocation.js';
import type { PaneContext } from '../../shell/pane.js';
import { type BuildPaneOptions, planFor } from './build-work.js';
import { type BuildPaneState, formChoice } from './state.js';

/** The command line the form's target and -j give, planned as the build will plan it (null while planning or when they are wrong). */
export function useFormPlan(context: PaneContext, options: BuildPaneOptions, state: BuildPaneState): string | null {
  const [planned, setPlanned] = useState<{ key: string; line: string | null } | null>(null);
  const form = state.stage.kind === 'form' ? state.stage.form : null;
  const key = form ? `${form.target.text}\n${form.jobs.text}` : null;
  useEffect(() => {
    if (!form || key === null) return;
    const choice = formChoice(form);
    if (typeof choice === 'string') return setPlanned({ key, line: null });
    let live = true;
    planFor(context.session, options, choice).then(
      (plan) => live && setPlanned({ key, line: planCommandLine(plan) }),
      () => live && setPlanned({ key, line: null }),
    );
    return () => {
      live = false;
    };
  }, [key, context.session, options]);
  return planned && planned.key === key ? planned.line : null;
}
