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
  const { startTui } = await (preloaded ?? withoutCiVariables(() => import('./tui-instance.js')));
  return startTui(session, options);
}

let preloaded: Promise<typeof import('./tui-instance.js')> | undefined;

/**
 * Starts loading the menu's code (Ink, React, the panes) while the tree opens, so that loading
 * fills the moments the opening waits (files, the kconfig frontend's start, the toolchain's
 * --version runs). Not when a CI variable is set: it is taken out of the environment while Ink
 * loads, which the opening must not see.
 */
export function preloadTui(): void {
  if (preloaded || CI_VARIABLES.some((name) => process.env[name] !== undefined)) return;
  preloaded = import('./tui-instance.js');
  // A failure is reported by runTui, if the menu gets that far.
  preloaded.catch(() => undefined);
}

const CI_VARIABLES = ['CI', 'CONTINUOUS_INTEGRATION'];

async function withoutCiVariables<T>(load: () => Promise<T>): Promise<T> {
  const saved: Record<string, string> = {};
  for (const name of CI_VARIABLES) {
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
