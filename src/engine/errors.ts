import { escapeControl } from '../model/escape-text.js';

/**
 * An error meant for the user: what went wrong and, where there is one, what to do about it.
 * The CLI prints `message` and `hint` without a stack trace.
 */
export class TuxconfError extends Error {
  override name = 'TuxconfError';
  readonly hint: string | undefined;
  /** Extra lines worth showing (the kernel's own output, e.g. a Kconfig syntax error). */
  readonly details: string[];

  constructor(message: string, options: { hint?: string; details?: string[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.hint = options.hint;
    this.details = options.details ?? [];
  }
}

/** The error as the CLI prints it; messages may quote files and names, so control characters are escaped. */
export function formatError(error: unknown): string {
  if (error instanceof TuxconfError) {
    const lines = [`tuxconf: ${error.message}`];
    for (const detail of error.details) lines.push(`  ${detail}`);
    if (error.hint) lines.push(`hint: ${error.hint}`);
    return escapeControl(lines.join('\n'), { keepNewlines: true, keepTabs: true });
  }
  if (error instanceof Error) return `tuxconf: ${error.stack ?? error.message}`;
  return `tuxconf: ${String(error)}`;
}
