import { buildSearchIndex } from '../../features/search/search-index.js';
import { searchSymbols, type LockReason, type SearchResult } from '../../features/search/search-result.js';
import { SymbolSearch } from '../../features/search/symbol-search.js';
import { type Command, EXIT_FAILED, EXIT_OK, UsageError } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';

const DEFAULT_LIMIT = 20;

const OPTIONS = {
  json: { type: 'boolean', help: 'print a JSON array of {name, prompt, type, value, path, visible,\nchangeable, lock, match, definedAt}; name is without CONFIG_' },
  limit: { type: 'string', value: 'N', help: `print at most N results (default ${DEFAULT_LIMIT})` },
} as const satisfies OptionTable;

export const searchCommand: Command = {
  name: 'search',
  summary: 'find symbols by name, prompt, menu or help text',
  usage: `Usage: tuxconf search [OPTIONS] QUERY...

Searches every symbol of the tree, shown or hidden: names, prompts, menu paths and help
text. Results are ranked: exact name, name prefix, prompt words, words also found in the
menu path, typo corrections, then help text. A CONFIG_ prefix is ignored and typos are
tolerated. Exits 1 when nothing matches.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values, positionals } = parseCommandArgs(argv, OPTIONS);
    const query = positionals.join(' ').trim();
    if (query === '') throw new UsageError('search needs a QUERY');
    const limit = parseLimit(values.limit);
    return withSession(open, io, async (session) => {
      const search = new SymbolSearch(buildSearchIndex(session.model));
      const { results, total } = searchSymbols(search, session.state, query, { limit });
      if (values.json) {
        const rows = results.map((result) => ({
          ...jsonRow(result),
          definedAt: definedAt(session.model.symbols[result.symbol]?.definedAt[0]),
        }));
        io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else {
        for (const result of results) io.stdout.write(formatResult(result));
        if (total > results.length) {
          io.stdout.write(`(${total - results.length} more; use --limit ${total} to see them all)\n`);
        }
      }
      if (results.length === 0) {
        io.stderr.write(`tuxconf: no symbol matches "${query}"\n`);
        return EXIT_FAILED;
      }
      return EXIT_OK;
    });
  },
};

function parseLimit(text: string | boolean | undefined): number {
  if (text === undefined || typeof text === 'boolean') return DEFAULT_LIMIT;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--limit needs a whole number of 1 or more, not "${text}"`);
  }
  return Number(text);
}

function jsonRow(result: SearchResult) {
  const { name, prompt, type, value, path, visible, changeable, lock, match } = result;
  return { name, prompt, type, value, path, visible, changeable, lock, match };
}

function definedAt(location: { file: string; line: number } | undefined): string | null {
  return location ? `${location.file}:${location.line}` : null;
}

const LOCK_TEXT: Record<LockReason, string> = {
  'no-prompt': 'no prompt: set only by defaults and selects',
  depends: 'hidden: dependencies not met',
  selected: 'forced by a select',
  fixed: 'only one value possible now',
};

/** Two lines per result: name, value and prompt; then where it lives and why it is locked. */
export function formatResult(result: SearchResult): string {
  const value = result.type === 'string' ? JSON.stringify(result.value) : result.value;
  const head = `${result.name}=${value}${result.prompt ? `  ${result.prompt}` : ''}`;
  const where = result.path.length > 0 ? result.path.join(' > ') : '(top level)';
  const lock = result.lock ? `  [${LOCK_TEXT[result.lock]}]` : '';
  return `${head}\n    ${where}${lock}\n`;
}
