/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { render } from 'ink';
import { formatError, type Session } from '../engine/session.js';
import { App } from './app.js';
import type { TuiOptions } from './run-tui.js';
import { FrameWriter } from './frame-writer.js';
import { installOutputRowCache } from './output-row-cache.js';
import { AlternateScreen, SIGNAL_EXIT } from './terminal-screen.js';

/**
 * Mounts the App on the alternate screen; see runTui. Keys typed before it (while the tree
 * loaded) are read first and applied in order.
 */
export async function startTui(session: Session, options: TuiOptions): Promise<number> {
  await installOutputRowCache();
  return mount(session, options);
}

function mount(session: Session, options: TuiOptions): Promise<number> {
  const { stdin, stdout, stderr } = options;
  const screen = new AlternateScreen(stdout);
  const frames = new FrameWriter(stdout);
  return new Promise<number>((resolve) => {
    let finished = false;
    const handlers: [string, (...args: never[]) => void][] = [];
    const listen = (event: string, handler: (...args: never[]) => void): void => {
      handlers.push([event, handler]);
      process.on(event, handler as (...args: unknown[]) => void);
    };

    const finish = (code: number, error?: unknown): void => {
      if (finished) return;
      finished = true;
      for (const [event, handler] of handlers) process.off(event, handler as (...args: unknown[]) => void);
      try {
        instance.unmount();
      } catch {
        // The tree may already be gone after a crash; the screen is restored below either way.
      }
      frames.dispose();
      screen.leave();
      if (error !== undefined) stderr.write(`${formatError(error)}\n`);
      resolve(code);
    };

    screen.enter();
    const app = (
      <App
        session={session}
        env={options.env}
        searchContent={options.searchContent}
        hardwareSource={options.hardwareSource}
        onExit={(code) => finish(code)}
        onRepaint={() => frames.repaint()}
      />
    );
    const instance = render(app, {
      stdin,
      // Ink renders whole frames (debug mode) into the writer, which sends only changed lines.
      stdout: frames as unknown as NodeJS.WriteStream,
      stderr,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });

    for (const signal of Object.keys(SIGNAL_EXIT)) listen(signal, () => finish(SIGNAL_EXIT[signal] ?? 1));
    // A terminal that is gone (hung up without a SIGHUP reaching us, or writes failing with
    // EIO) ends the run as a hangup would. These listeners stay after the run: restoring the
    // screen writes to the gone terminal too, and its error arrives later.
    const hungUp = (): void => finish(SIGNAL_EXIT.SIGHUP ?? 129);
    stdin.on('end', hungUp);
    stdin.on('error', hungUp);
    stdout.on('error', hungUp);
    listen('uncaughtException', (error: never) => finish(1, error));
    listen('unhandledRejection', (error: never) => finish(1, error));
    // Last resort when something calls process.exit() while the menu is up.
    listen('exit', () => screen.leave());

    instance.waitUntilExit().then(
      () => finish(0),
      (error: unknown) => finish(1, error),
    );
  });
}
