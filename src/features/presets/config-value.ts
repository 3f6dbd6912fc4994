/**
 * The right-hand side of a `.config` line, as the kernel's config reader (confdata.c) reads and
 * writes it. A null text stands for `# CONFIG_X is not set`.
 */

export type ValueKind = 'tristate' | 'string' | 'number' | 'unset';

export function quoteConfigString(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

export type ParsedText = { ok: true; kind: ValueKind; value: string } | { ok: false; message: string };

/** Reads one right-hand side strictly: what the kernel would take silently in a different way is refused. */
export function parseConfigText(text: string | null): ParsedText {
  if (text === null) return { ok: true, kind: 'unset', value: 'n' };
  if (text === 'y' || text === 'm' || text === 'n') return { ok: true, kind: 'tristate', value: text };
  if (text.startsWith('"')) return parseQuoted(text);
  if (/^-?[0-9]+$/.test(text) || /^0[xX][0-9a-fA-F]+$/.test(text)) return { ok: true, kind: 'number', value: text };
  if (text === '') return { ok: false, message: 'the value is empty: write y, m, n, a number or a quoted string' };
  if (/^(yes|no|true|false|on|off|module)$/i.test(text)) {
    return { ok: false, message: `value '${text}' is not y, m or n` };
  }
  return {
    ok: false,
    message: `value '${text}' is not y, m, n, a number or a quoted string (the kernel ignores unquoted strings)`,
  };
}

function parseQuoted(text: string): ParsedText {
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      value += text[i] ?? '';
    } else if (ch === '"') {
      const rest = text.slice(i + 1);
      if (rest.trim() !== '') return { ok: false, message: `unexpected text after the closing quote: '${rest}'` };
      return { ok: true, kind: 'string', value };
    } else {
      value += ch;
    }
  }
  return { ok: false, message: 'the string is not closed: add the missing "' };
}

/** The value a request asks for, in the form `Session.value()` reports ('y', 'm', 'n' or the text). */
export function requestedValue(text: string | null): string {
  const parsed = parseConfigText(text);
  return parsed.ok ? parsed.value : (text ?? 'n');
}

/** The `.config` line for a request, as a fragment file holds it. */
export function configLine(name: string, text: string | null): string {
  return text === null ? `# CONFIG_${name} is not set` : `CONFIG_${name}=${text}`;
}

/** Right-hand side for a value of a symbol of the given type (strings are quoted). */
export function textForValue(type: string, value: string): string | null {
  if (type === 'string') return quoteConfigString(value);
  if ((type === 'bool' || type === 'tristate') && value === 'n') return null;
  return value;
}
