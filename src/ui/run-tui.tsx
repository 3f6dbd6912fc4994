/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { Session } from '../engine/session.js';
import type { HardwareSourceOptions } from '../features/hardware/hardware-source.js';
import type { SearchContentComponent } from './panes/search/extension.js';

export interface TuiOptions {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** For NO_COLOR; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** What the search pane draws; default src/ui/panes/search/content.tsx. */
  searchContent?: SearchContentComponent;
  /** The machine the hardware pane makes suggestions for (`--hw-from DIR` ...); default this machine. */
  hardwareSource?: HardwareSourceOptions;
}

/**
 * Runs the full-screen menu on the given terminal until the user quits; resolves with the exit
 * code (0 after quitting, 1 after a crash, 128+n after signal n). The terminal is restored in
 * every case. The caller keeps ownership of the session (and closes it).
 */
export async function runTui(session: Session, options: TuiOptions): Promise<number> {
  // Ink decides at import time whether it runs in CI (then it never redraws). An interactive
  // terminal is not CI, even when a CI variable leaked into the environment.
  const { startTui } = await (loading ?? withoutCiVariables(() => import('./tui-instance.js')));
  return startTui(session, options);
}

let loading: Promise<typeof import('./tui-instance.js')> | undefined;

/**
 * Starts loading the menu's modules (Ink, React, Yoga: about half a second) while the tree is
 * still being opened, so that a start that parses Kconfig does not load them afterwards. Not
 * when a CI variable is set: the environment is changed while they load, and the opening reads it.
 */
export function preloadTui(): void {
  if (loading || process.env.CI !== undefined || process.env.CONTINUOUS_INTEGRATION !== undefined) return;
  loading = import('./tui-instance.js');
  loading.catch(() => undefined);
}

async function withoutCiVariables<T>(load: () => Promise<T>): Promise<T> {
  const saved: Record<string, string> = {};
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) {
    const value = process.env[name];
    if (value !== undefined) {
      saved[name] = value;
      delete process.env[name];
    }
  }
  try {
    return await load();
  } finally {
    Object.assign(process.env, saved);
  }
}
