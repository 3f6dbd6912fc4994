/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { useCallback, useMemo, useRef } from 'react';
import type { Session } from '../../../engine/session.js';
import { offeredTarget } from '../../../features/fix/index.js';
import { primaryNode } from '../../../model/menu-path.js';
import type { ConfigState } from '../../../model/types.js';
import { PageLines } from '../../components/page-lines.js';
import { hintsOf } from '../../input/bindings.js';
import type { KeyEvent } from '../../input/key-event.js';
import { KEYMAP } from '../../keymap.js';
import { nodeTitle } from '../../shell/node-name.js';
import { symbolOfNode } from '../../intents/context.js';
import type { Pane, PaneContext } from '../../shell/pane.js';
import { useExplanation } from '../../shell/use-explanation.js';
import { pagePosition } from '../help/state.js';
import { fixLines, fixSummary, type FixView } from './fix-lines.js';
import { whyPage, withCursor } from './lines.js';
import { selectedReason, type WhyState, whyKey } from './state.js';
import { type FixTarget, useFixPlan } from './use-fix-plan.js';

/** The value the page searches a fix for: the one asked with y/m/n, else the one a locked symbol is offered. */
function fixTargetOf(session: Session, config: ConfigState, pane: WhyState | null): FixTarget | null {
  const name = pane ? symbolOfNode(session, pane.node) : null;
  const info = name ? session.symbol(name) : undefined;
  const state = info ? config.symbols[info.index] : undefined;
  if (!pane || !info || !state) return null;
  if (pane.want !== undefined) return { name: info.name, value: pane.want };
  const modules = session.symbol('MODULES');
  const offered = offeredTarget(info, state, modules !== undefined && config.symbols[modules.index]?.value === 'y');
  return offered ? { name: info.name, value: offered.value } : null;
}

/** An int, hex or string symbol without a value asked for: the page offers to ask for one (f). */
function askedValue(session: Session, pane: WhyState | null): FixView | null {
  const info = pane ? session.symbol(symbolOfNode(session, pane.node) ?? '') : undefined;
  return info && (info.type === 'int' || info.type === 'hex' || info.type === 'string') ? { kind: 'ask', name: info.name } : null;
}

/** The keys the hint line names: f while there is a fix to apply or a value to ask. */
function hintMode(fix: FixView | null, reasons: boolean): 'why.fix' | 'why.ask' | 'why' | 'why.page' {
  if (fix?.kind === 'ready' && fix.plan.changes.length > 0) return 'why.fix';
  if (fix?.kind === 'ask' && reasons) return 'why.ask';
  return reasons ? 'why' : 'why.page';
}

/**
 * "Why can't I change this?": only the terms that hold the value; Enter on one shows its symbol in
 * its menu. Under them, for a locked symbol, the fix: searched for while keys go on, shown as a
 * diff with a reason a line, applied with f as one undoable step.
 */
export function useWhyPane(context: PaneContext): Pane {
  const { session, config, ui, layout } = context;
  const pane = ui.pane.kind === 'why' ? ui.pane : null;
  const explanation = useExplanation(session, pane ? symbolOfNode(session, pane.node) : null, config);
  const target = fixTargetOf(session, config, pane);
  const fix = useFixPlan(session, target, config) ?? askedValue(session, pane);
  const page = useMemo(
    () =>
      pane
        ? whyPage(
            session.model,
            config,
            pane.node,
            explanation,
            layout.columns,
            explanation ? { summary: fixSummary(fix), after: fixLines(fix, session.model) } : undefined,
          )
        : { lines: [], reasons: [] },
    [session, config, pane?.node, explanation, layout.columns, fix],
  );
  const live = useRef({ context, page, fix });
  live.current = { context, page, fix };

  const onKey = useCallback((key: KeyEvent) => {
    const { context: current, page: shown, fix: offered } = live.current;
    const state = current.host.current().pane;
    if (state.kind !== 'why') return;
    const nodeOf = (name: string): number => {
      const symbol = current.session.symbol(name);
      return symbol ? primaryNode(current.session.model, symbol) : -1;
    };
    const type = current.session.symbol(symbolOfNode(current.session, state.node) ?? '')?.type;
    const outcome = whyKey(state, key, { lines: shown.lines.length, height: current.layout.page, reasons: shown.reasons, nodeOf, fix: offered, type });
    if (outcome.state !== state) current.host.dispatch({ type: 'update', pane: outcome.state });
    current.host.run(outcome.intent);
  }, []);

  const content = (height: number) => {
    const at = pane ? page.reasons[selectedReason(pane, page)]?.line : undefined;
    const lines = at === undefined ? page.lines : page.lines.map((line, index) => (index === at ? withCursor(line) : line));
    return <PageLines lines={lines} top={pane?.top ?? 0} width={layout.columns} height={height} />;
  };
  return {
    title: () => ({
      text: `Why: ${pane ? nodeTitle(session.model, pane.node) : ''}`,
      position: pagePosition(pane?.top ?? 0, page.lines.length, layout.page),
      keep: 'start',
    }),
    hints: () => hintsOf(KEYMAP[hintMode(fix, page.reasons.length > 0)]),
    content,
    onKey,
    takesText: () => false,
  };
}
