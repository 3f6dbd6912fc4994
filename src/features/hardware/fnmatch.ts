/**
 * fnmatch(3) without flags, as kmod matches modaliases against modules.alias patterns:
 * `*` and `?` match any character (including `/`), `[...]` is a bracket expression
 * (`!` or `^` negates, ranges allowed), `\` quotes the next character; case-sensitive.
 *
 * Patterns come from modules.alias, which a capture from another machine supplies: they are
 * matched by a small automaton that takes at most (pattern x subject) steps, never by a regular
 * expression built from them (one with many `*` backtracks for minutes; `[z-a]` would not compile).
 */

type Token =
  | { kind: 'star' }
  | { kind: 'any' }
  | { kind: 'literal'; char: string }
  | { kind: 'set'; negate: boolean; ranges: [from: number, to: number][] };

export interface FnmatchPattern {
  test(subject: string): boolean;
}

export function compileFnmatch(pattern: string): FnmatchPattern {
  const tokens = tokenize(pattern);
  return { test: (subject) => matchTokens(tokens, subject) };
}

export function fnmatch(pattern: string, subject: string): boolean {
  return matchTokens(tokenize(pattern), subject);
}

/** How many characters of the pattern must match literally: the measure of "most specific". */
export function literalCharacterCount(pattern: string): number {
  return tokenize(pattern).filter((token) => token.kind === 'literal').length;
}

/** The text before the first wildcard: every subject the pattern matches starts with it. */
export function literalPrefix(pattern: string): string {
  let prefix = '';
  for (const token of tokenize(pattern)) {
    if (token.kind !== 'literal') break;
    prefix += token.char;
  }
  return prefix;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (char === '?') tokens.push({ kind: 'any' });
    else if (char === '\\' && index + 1 < pattern.length) tokens.push({ kind: 'literal', char: pattern[++index] as string });
    else if (char === '[') {
      const bracket = readBracket(pattern, index);
      if (bracket) {
        tokens.push(bracket.token);
        index = bracket.end;
      } else tokens.push({ kind: 'literal', char });
    } else tokens.push({ kind: 'literal', char });
  }
  return tokens;
}

/** A bracket expression starting at `start` (`[`), or null when it is not closed (then `[` is literal). */
function readBracket(pattern: string, start: number): { token: Token; end: number } | null {
  let index = start + 1;
  let negate = false;
  if (pattern[index] === '!' || pattern[index] === '^') {
    negate = true;
    index++;
  }
  const ranges: [number, number][] = [];
  let first = true;
  while (index < pattern.length) {
    let char = pattern[index] as string;
    if (char === ']' && !first) return { token: { kind: 'set', negate, ranges }, end: index };
    if (char === '\\' && index + 1 < pattern.length) char = pattern[++index] as string;
    const code = char.charCodeAt(0);
    // `a-z`: a range, unless the `-` is last (`[a-]` holds a `-`).
    if (pattern[index + 1] === '-' && index + 2 < pattern.length && pattern[index + 2] !== ']') {
      index += 2;
      let end = pattern[index] as string;
      if (end === '\\' && index + 1 < pattern.length) end = pattern[++index] as string;
      ranges.push([code, end.charCodeAt(0)]);
    } else ranges.push([code, code]);
    first = false;
    index++;
  }
  return null;
}

function matchesOne(token: Token, char: string): boolean {
  switch (token.kind) {
    case 'any':
      return true;
    case 'literal':
      return token.char === char;
    case 'set': {
      const code = char.charCodeAt(0);
      // A range written backwards (`[z-a]`) holds nothing, as in glibc.
      return token.ranges.some(([from, to]) => code >= from && code <= to) !== token.negate;
    }
    case 'star':
      return false;
  }
}

/** Greedy matching that backtracks only to the last `*`: O(pattern x subject) at worst. */
function matchTokens(tokens: Token[], subject: string): boolean {
  let token = 0;
  let at = 0;
  let starToken = -1;
  let starAt = 0;
  while (at < subject.length) {
    const current = tokens[token];
    if (current?.kind === 'star') {
      starToken = token++;
      starAt = at;
    } else if (current && matchesOne(current, subject[at] as string)) {
      token++;
      at++;
    } else if (starToken >= 0) {
      token = starToken + 1;
      at = ++starAt;
    } else return false;
  }
  while (tokens[token]?.kind === 'star') token++;
  return token === tokens.length;
}
