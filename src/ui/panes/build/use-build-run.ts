import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { KernelTree } from '../../../engine/session.js';
import { type BuildHandle, type BuildResult, type BuildRunOptions, type BuildSnapshot, runPlan } from '../../../features/build/build-run.js';
import type { MakePlan } from '../../../features/build/make-invocation.js';

export interface BuildRunHandle {
  handle: BuildHandle | null;
  /** The build's state as drawn now; null before the first build. */
  snapshot: BuildSnapshot | null;
  /** How the build ended; null while it runs. */
  result: BuildResult | null;
  /** Runs a planned build, after the one before (if any) has ended: never two makes in one output directory. */
  start(plan: MakePlan, tree: KernelTree, options: BuildRunOptions): Promise<void>;
  /** The build now, including one started since the last render. */
  current(): BuildHandle | null;
}

function subscribeTo(handle: BuildHandle | null): (notify: () => void) => () => void {
  return (notify) => (handle ? handle.subscribe(() => notify()) : () => {});
}

/**
 * The build the pane follows: its snapshots (only what the screen needs is read from the build's
 * ring buffer), and its result, handed to `onEnd` once. Leaving tuxconf stops it.
 */
export function useBuildRun(onEnd: (result: BuildResult) => void): BuildRunHandle {
  const [handle, setHandle] = useState<BuildHandle | null>(null);
  const [result, setResult] = useState<BuildResult | null>(null);
  const handleRef = useRef<BuildHandle | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  const subscribe = useMemo(() => subscribeTo(handle), [handle]);
  const snapshot = useSyncExternalStore(subscribe, () => handle?.snapshot() ?? null);

  // The build runner's exit hook is the last resort; unmounting (quitting) stops make first.
  useEffect(() => () => void handleRef.current?.cancel(), []);

  const start = useCallback(async (plan: MakePlan, tree: KernelTree, options: BuildRunOptions) => {
    await handleRef.current?.cancel();
    const started = await runPlan(plan, tree, options);
    handleRef.current = started;
    setResult(null);
    setHandle(started);
    void started.result.then((ended) => {
      if (handleRef.current !== started) return;
      setResult(ended);
      onEndRef.current(ended);
    });
  }, []);

  return { handle, snapshot, result, start, current: () => handleRef.current };
}
