/** One word of what the user typed, reduced to what matching compares. */
export interface QueryToken {
  /** The word as typed, lowercase, without CONFIG_. */
  text: string;
  /** Lowercase letters and digits only: "PRO/1000" -> "pro1000", "pci-express" -> "pciexpress". */
  compact: string;
  /** The alphanumeric runs of the word: "pro/1000" -> ["pro", "1000"]. */
  parts: string[];
}

export interface SearchQuery {
  /** The query as a lowercase symbol name: `CONFIG_` removed, spaces as underscores. */
  name: string;
  tokens: QueryToken[];
}

const CONFIG_PREFIX = /^config_/i;
/** `# CONFIG_FOO is not set`, as pasted from a .config. */
const UNSET_LINE = /^#\s*(CONFIG_\w+)\s+is not set\s*$/i;
/** `CONFIG_FOO=y` or `CONFIG_FOO="text"`, as pasted from a .config (or `FOO=m` as `tuxconf set` takes it). */
const ASSIGNMENT = /^((?:CONFIG_)?\w+)=.*$/i;

/** Reads what the user typed. Names pasted from a .config (with CONFIG_ and a value) are accepted. */
export function parseQuery(text: string): SearchQuery {
  const trimmed = stripConfigLine(text.trim());
  const words = trimmed
    .split(/\s+/)
    .map((word) => word.replace(CONFIG_PREFIX, ''))
    .filter((word) => word !== '');
  const tokens: QueryToken[] = [];
  for (const word of words) {
    const text = word.toLowerCase();
    const parts = text.match(/[a-z0-9]+/g) ?? [];
    if (parts.length > 0) tokens.push({ text, compact: parts.join(''), parts });
  }
  return { name: words.join('_').toLowerCase(), tokens };
}

function stripConfigLine(text: string): string {
  const match = UNSET_LINE.exec(text) ?? ASSIGNMENT.exec(text);
  return match?.[1] ?? text;
}
