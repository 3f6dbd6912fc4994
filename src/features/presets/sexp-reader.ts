/**
 * A small reader for the Scheme data Guix users write option lists in: lists, dotted pairs,
 * strings, numbers, booleans, symbols, quote forms and comments. It evaluates nothing.
 */

export interface Position {
  line: number;
  column: number;
}

export type Datum =
  | { kind: 'list'; items: Datum[]; tail: Datum | null; at: Position }
  /** `unstorable`: where the first line break or NUL of the value was written (the character or its escape). */
  | { kind: 'string'; value: string; at: Position; unstorable?: Position }
  | { kind: 'number'; value: number; text: string; at: Position }
  | { kind: 'boolean'; value: boolean; at: Position }
  | { kind: 'symbol'; name: string; at: Position }
  /** `'x`, `` `x ``, `,x` and `,@x`. */
  | { kind: 'quoted'; quote: 'quote' | 'quasiquote' | 'unquote' | 'unquote-splicing'; datum: Datum; at: Position };

export class SexpSyntaxError extends Error {
  override name = 'SexpSyntaxError';
  constructor(
    message: string,
    readonly at: Position,
  ) {
    super(message);
  }
}

/**
 * How deep lists, quotes and datum comments may nest. An option list needs three levels; the
 * limit keeps a hostile file from exhausting the stack of this recursive reader.
 */
export const MAX_NESTING = 200;

const DELIMITERS = new Set(['(', ')', '[', ']', '"', ';', "'", '`', ',']);
const CLOSER: Record<string, string> = { '(': ')', '[': ']' };
const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', '0': '\0', '\\': '\\', '"': '"' };

export function readAll(text: string): Datum[] {
  return new Reader(text).readTopLevel();
}

class Reader {
  private offset = 0;
  private line = 1;
  private column = 1;
  private depth = 0;

  constructor(private readonly text: string) {}

  readTopLevel(): Datum[] {
    const data: Datum[] = [];
    for (;;) {
      this.skipAtmosphere();
      if (this.atEnd()) return data;
      const ch = this.peek();
      if (ch === ')' || ch === ']') throw new SexpSyntaxError(`unexpected '${ch}': no list is open here`, this.here());
      data.push(this.readDatum());
    }
  }

  private readDatum(): Datum {
    if (this.depth >= MAX_NESTING) {
      throw new SexpSyntaxError(`lists, quotes or #; comments nested more than ${MAX_NESTING} deep: an option list needs three levels`, this.here());
    }
    this.depth++;
    try {
      return this.readDatumHere();
    } finally {
      this.depth--;
    }
  }

  private readDatumHere(): Datum {
    this.skipAtmosphere();
    const at = this.here();
    if (this.atEnd()) throw new SexpSyntaxError('the file ends where a value was expected', at);
    const ch = this.peek();
    if (ch === '(' || ch === '[') return this.readList(at);
    if (ch === ')' || ch === ']') throw new SexpSyntaxError(`unexpected '${ch}' where a value was expected`, at);
    if (ch === '"') return this.readString(at);
    if (ch === "'" || ch === '`' || ch === ',') return this.readQuoted(at);
    if (ch === '#') return this.readHash(at);
    return this.readAtom(at);
  }

  private readList(at: Position): Datum {
    const open = this.next();
    const close = CLOSER[open] ?? ')';
    const items: Datum[] = [];
    let tail: Datum | null = null;
    for (;;) {
      this.skipAtmosphere();
      if (this.atEnd()) {
        throw new SexpSyntaxError(`unbalanced parentheses: the '${open}' opened at line ${at.line}, column ${at.column} is never closed`, at);
      }
      const ch = this.peek();
      if (ch === ')' || ch === ']') {
        if (ch !== close) throw new SexpSyntaxError(`'${ch}' closes the '${open}' opened at line ${at.line}; expected '${close}'`, this.here());
        this.next();
        return { kind: 'list', items, tail, at };
      }
      if (tail !== null) throw new SexpSyntaxError(`only one value may follow '.' in a pair; expected '${close}'`, this.here());
      if (ch === '.' && this.isDelimiterAt(this.offset + 1)) {
        const dotAt = this.here();
        this.next();
        if (items.length === 0) throw new SexpSyntaxError("a pair needs a value before '.'", dotAt);
        tail = this.readDatum();
        continue;
      }
      items.push(this.readDatum());
    }
  }

  private readString(at: Position): Datum {
    this.next();
    let value = '';
    let unstorable: Position | undefined;
    const add = (text: string, from: Position): void => {
      if (unstorable === undefined && /[\n\r\0]/.test(text)) unstorable = from;
      value += text;
    };
    for (;;) {
      if (this.atEnd()) throw new SexpSyntaxError(`the string starting at line ${at.line}, column ${at.column} is never closed`, at);
      const charAt = this.here();
      const ch = this.next();
      if (ch === '"') return unstorable === undefined ? { kind: 'string', value, at } : { kind: 'string', value, at, unstorable };
      if (ch !== '\\') {
        add(ch, charAt);
        continue;
      }
      if (this.atEnd()) continue;
      const escaped = this.next();
      if (escaped in STRING_ESCAPES) add(STRING_ESCAPES[escaped] as string, charAt);
      else if (escaped === '\n') this.skipWhile((c) => c === ' ' || c === '\t');
      else if (escaped === 'x') add(this.readHexEscape(charAt), charAt);
      else throw new SexpSyntaxError(`unknown escape '\\${escaped}' in a string`, charAt);
    }
  }

  private readHexEscape(at: Position): string {
    let digits = '';
    while (!this.atEnd() && /[0-9a-fA-F]/.test(this.peek())) digits += this.next();
    if (digits === '' || this.atEnd() || this.next() !== ';') throw new SexpSyntaxError("a '\\x' escape needs hex digits and a closing ';'", at);
    const code = Number.parseInt(digits, 16);
    if (code > 0x10ffff) throw new SexpSyntaxError(`'\\x${digits.length > 12 ? `${digits.slice(0, 12)}...` : digits};' is beyond the last Unicode character, 10FFFF`, at);
    return String.fromCodePoint(code);
  }

  private readQuoted(at: Position): Datum {
    const ch = this.next();
    let quote: 'quote' | 'quasiquote' | 'unquote' | 'unquote-splicing' = ch === "'" ? 'quote' : ch === '`' ? 'quasiquote' : 'unquote';
    if (ch === ',' && this.peek() === '@') {
      this.next();
      quote = 'unquote-splicing';
    }
    return { kind: 'quoted', quote, datum: this.readDatum(), at };
  }

  private readHash(at: Position): Datum {
    const token = this.readToken();
    if (token === '#t' || token === '#true') return { kind: 'boolean', value: true, at };
    if (token === '#f' || token === '#false') return { kind: 'boolean', value: false, at };
    if (/^#x[0-9a-fA-F]+$/i.test(token)) return { kind: 'number', value: Number.parseInt(token.slice(2), 16), text: token, at };
    if (token.startsWith('#:')) return { kind: 'symbol', name: token, at };
    throw new SexpSyntaxError(`'${token}' is not a value this reader knows (use #t, #f, strings, numbers or symbols)`, at);
  }

  private readAtom(at: Position): Datum {
    const token = this.readToken();
    if (/^[+-]?[0-9]+$/.test(token)) return { kind: 'number', value: Number.parseInt(token, 10), text: token, at };
    if (token === '') throw new SexpSyntaxError(`unexpected '${this.peek()}'`, at);
    return { kind: 'symbol', name: token, at };
  }

  private readToken(): string {
    let token = '';
    while (!this.atEnd() && !this.isDelimiterAt(this.offset)) token += this.next();
    return token;
  }

  /** Whitespace, `; ...` line comments, `#| ... |#` block comments and `#;` datum comments. */
  private skipAtmosphere(): void {
    for (;;) {
      this.skipWhile((c) => /\s/.test(c));
      if (this.atEnd()) return;
      const ch = this.peek();
      const after = this.text[this.offset + 1];
      if (ch === ';') {
        this.skipWhile((c) => c !== '\n');
      } else if (ch === '#' && after === '|') {
        this.skipBlockComment();
      } else if (ch === '#' && after === ';') {
        this.next();
        this.next();
        this.readDatum();
      } else {
        return;
      }
    }
  }

  private skipBlockComment(): void {
    const at = this.here();
    let depth = 0;
    do {
      if (this.atEnd()) throw new SexpSyntaxError(`the '#|' comment opened at line ${at.line} is never closed with '|#'`, at);
      if (this.peek() === '#' && this.text[this.offset + 1] === '|') {
        depth++;
        this.next();
      } else if (this.peek() === '|' && this.text[this.offset + 1] === '#') {
        depth--;
        this.next();
      }
      this.next();
    } while (depth > 0);
  }

  private isDelimiterAt(offset: number): boolean {
    const ch = this.text[offset];
    return ch === undefined || /\s/.test(ch) || DELIMITERS.has(ch);
  }

  private skipWhile(test: (ch: string) => boolean): void {
    while (!this.atEnd() && test(this.peek())) this.next();
  }

  private atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  private peek(): string {
    return this.text[this.offset] ?? '';
  }

  private next(): string {
    const ch = this.text[this.offset++] ?? '';
    if (ch === '\n') {
      this.line++;
      this.column = 1;
    } else {
      this.column++;
    }
    return ch;
  }

  private here(): Position {
    return { line: this.line, column: this.column };
  }
}
