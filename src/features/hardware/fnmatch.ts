/**
 * fnmatch(3) without flags, as kmod matches modaliases against modules.alias patterns:
 * `*` and `?` match any character (including `/`), `[...]` is a bracket expression
 * (`!` or `^` negates, ranges allowed), `\` quotes the next character; case-sensitive.
 */
export function fnmatchToRegExp(pattern: string): RegExp {
  let source = '^';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else if (char === '\\' && index + 1 < pattern.length) source += escapeRegExp(pattern[++index] as string);
    else if (char === '[') {
      const bracket = readBracket(pattern, index);
      if (bracket) {
        source += bracket.source;
        index = bracket.end;
      } else source += '\\[';
    } else source += escapeRegExp(char);
  }
  return new RegExp(`${source}$`);
}

export function fnmatch(pattern: string, subject: string): boolean {
  return fnmatchToRegExp(pattern).test(subject);
}

/** How many characters of the pattern must match literally: the measure of "most specific". */
export function literalCharacterCount(pattern: string): number {
  let count = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '*' || char === '?') continue;
    if (char === '\\') {
      index++;
      count++;
    } else if (char === '[') {
      const bracket = readBracket(pattern, index);
      if (bracket) index = bracket.end;
      else count++;
    } else count++;
  }
  return count;
}

/** The text before the first wildcard: every subject the pattern matches starts with it. */
export function literalPrefix(pattern: string): string {
  let prefix = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*' || char === '?' || char === '[') break;
    if (char === '\\') {
      if (index + 1 >= pattern.length) break;
      prefix += pattern[++index];
    } else prefix += char;
  }
  return prefix;
}

/** A bracket expression starting at `start` (`[`), or null when it is not closed (then `[` is literal). */
function readBracket(pattern: string, start: number): { source: string; end: number } | null {
  let index = start + 1;
  let negate = false;
  if (pattern[index] === '!' || pattern[index] === '^') {
    negate = true;
    index++;
  }
  let body = '';
  let first = true;
  while (index < pattern.length) {
    const char = pattern[index] as string;
    if (char === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: index };
    if (char === '\\' && index + 1 < pattern.length) {
      body += escapeClassChar(pattern[++index] as string);
    } else if (char === '-' && !first && pattern[index + 1] !== ']') {
      body += '-';
    } else body += escapeClassChar(char);
    first = false;
    index++;
  }
  return null;
}

function escapeRegExp(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}

function escapeClassChar(char: string): string {
  return /[\]\\^-]/.test(char) ? `\\${char}` : char;
}
