import { formatConfigLine, misspelledNotSetName, parseConfigLine, parseConfigValue, unstorableValueReason } from '../../model/config-text.js';
import { escapeControl } from '../../model/escape-text.js';
import type { PresetEntry, SourceIssue } from './preset-types.js';

export interface ParsedFragment {
  entries: PresetEntry[];
  /** Text of the first `# Help: ` line (what `make help` lists), else of the first comment; control characters escaped. */
  description: string;
  issues: SourceIssue[];
}

const NAME = /^[A-Za-z0-9_]+$/;

/**
 * Reads a kernel config fragment line by line, accepting what the kernel's config reader accepts
 * and reporting, with the line, what it would skip or misread.
 */
export function parseFragment(text: string, path: string): ParsedFragment {
  const entries: PresetEntry[] = [];
  const issues: SourceIssue[] = [];
  let help: string | undefined;
  let firstComment: string | undefined;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();

  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineNumber = index + 1;
    const issue = (message: string, column?: number): void =>
      void issues.push(column === undefined ? { path, line: lineNumber, message } : { path, line: lineNumber, column, message });
    if (line.trim() === '') return;

    if (line.startsWith('#')) {
      const notSet = parseConfigLine(line);
      if (notSet) {
        entries.push({ name: notSet.name, text: null, line: lineNumber });
        return;
      }
      const near = misspelledNotSetName(line);
      if (near) {
        issue(`write exactly '${formatConfigLine({ name: near, text: null })}': the kernel ignores this line as written`);
        return;
      }
      const helpText = /^# Help: (.*)$/.exec(line)?.[1];
      if (help === undefined && helpText !== undefined) help = helpText.trim();
      const comment = line.replace(/^#+\s*/, '').trim();
      if (firstComment === undefined && comment !== '') firstComment = comment;
      return;
    }

    if (!line.startsWith('CONFIG_')) {
      const bare = /^([A-Z0-9_]+)=/.exec(line);
      issue(
        bare
          ? `'${bare[1]}' lacks the CONFIG_ prefix: write CONFIG_${line}`
          : `unexpected text '${line}': expected CONFIG_NAME=value, '# CONFIG_NAME is not set' or a # comment`,
      );
      return;
    }
    const equals = line.indexOf('=');
    if (equals < 0) {
      issue(`'${line}' has no '=value': write ${line}=y, ${line}=m or '# ${line} is not set'`);
      return;
    }
    const name = line.slice('CONFIG_'.length, equals);
    const value = line.slice(equals + 1);
    if (!NAME.test(name)) {
      issue(
        /\s$/.test(name) || /^\s/.test(value)
          ? `no spaces around '=' in '${line}': write CONFIG_${name.trim()}=${value.trim()}`
          : `'${name}' is not a symbol name (letters, digits and _ only)`,
      );
      return;
    }
    const unstorable = unstorableValueReason(value);
    if (unstorable) {
      issue(`CONFIG_${name}: ${unstorable}`, equals + 2 + value.search(/[\r\n\0]/));
      return;
    }
    const parsed = parseConfigValue(value);
    if (!parsed.ok) {
      issue(`CONFIG_${name}: ${parsed.message}`);
      return;
    }
    entries.push({ name, text: value, line: lineNumber });
  });

  return { entries, description: escapeControl(help ?? firstComment ?? ''), issues };
}

/**
 * A `# ` comment that stays a comment: control characters escaped (a line break would start a
 * line of its own), and quoted when it would read as `# CONFIG_X is not set`, which the kernel
 * takes as an assignment (6.1's reader only compares the start of "is not set": anything that
 * begins `# CONFIG_` is quoted).
 */
function commentLine(text: string): string {
  if (text === '') return '#';
  const safe = escapeControl(text);
  const comment = `# ${safe}`;
  return parseConfigLine(comment) || misspelledNotSetName(comment) || comment.startsWith('# CONFIG_') ? `# "${safe}"` : comment;
}

/**
 * A fragment file for the entries; `header` lines become `# ` comments (the first can be a `Help:`
 * line), with line breaks and other control characters escaped so that no text of theirs can
 * start a line of its own. Entries with a `menu` are grouped under it as a heading (as the
 * kernel's .config heads its menus), an entry's `prompt` is a comment line above it.
 */
export function formatFragment(entries: { name: string; text: string | null; prompt?: string; menu?: string }[], header: string[] = []): string {
  const lines = header.map(commentLine);
  let menu: string | undefined;
  for (const entry of entries) {
    if (entry.menu !== undefined && entry.menu !== menu) lines.push('', '#', commentLine(entry.menu), '#');
    menu = entry.menu;
    if (entry.prompt) lines.push(commentLine(entry.prompt));
    lines.push(formatConfigLine(entry));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
