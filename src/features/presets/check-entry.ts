import { parseConfigValue, validConfigValue } from '../../model/config-text.js';
import type { SymbolInfo } from '../../model/types.js';
import type { PresetFormat } from './preset-types.js';

function spell(text: string | null, format: PresetFormat): string {
  if (format === 'guix') {
    if (text === 'y') return '#t';
    if (text === 'n') return '#f';
  }
  return text === null ? "'is not set'" : text;
}

/**
 * Why the kernel's config reader would not take this value for this symbol's type, or
 * undefined when it would. The kernel skips such a line with a warning (or silently, for an
 * unquoted string), so the request cannot stick.
 */
export function invalidForType(info: SymbolInfo, text: string | null, format: PresetFormat): string | undefined {
  const parsed = parseConfigValue(text);
  if (!parsed.ok) return parsed.message;
  const shown = spell(text, format);
  const name = `CONFIG_${info.name}`;
  const scalar = info.type === 'string' || info.type === 'int' || info.type === 'hex';
  if (scalar && parsed.kind === 'unset') {
    return `${name} is ${info.type === 'int' ? 'an' : 'a'} ${info.type}: ${format === 'guix' ? '#f' : "'is not set'"} does not apply, give a value`;
  }
  switch (info.type) {
    case 'bool':
      if (parsed.kind === 'tristate' && parsed.value === 'm') return `${name} is a bool: it cannot be a module (m)`;
      if (parsed.kind === 'tristate' || parsed.kind === 'unset') return undefined;
      return `${name} is a bool: ${shown} is not ${format === 'guix' ? '#t or #f' : 'y or n'}`;
    case 'tristate':
      if (parsed.kind === 'tristate' || parsed.kind === 'unset') return undefined;
      return `${name} is a tristate: ${shown} is not ${format === 'guix' ? '#t, m or #f' : 'y, m or n'}`;
    case 'string':
      if (parsed.kind === 'string') return undefined;
      return `${name} is a string: write it quoted, "${parsed.kind === 'number' ? parsed.value : '...'}"`;
    case 'int':
      if (parsed.kind === 'number' && validConfigValue('int', parsed.value)) return undefined;
      if (parsed.kind === 'string' && validConfigValue('int', parsed.value)) {
        return `${name} is an int: write ${parsed.value} without quotes (the kernel refuses a quoted number)`;
      }
      return `${name} is an int: ${shown} is not a decimal number`;
    case 'hex':
      if (parsed.kind === 'number' && validConfigValue('hex', parsed.value)) return undefined;
      if (parsed.kind === 'string' && validConfigValue('hex', parsed.value)) {
        return `${name} is a hex: write ${format === 'guix' ? `#x${parsed.value.replace(/^0[xX]/, '')}` : parsed.value} without quotes`;
      }
      return `${name} is a hex: ${shown} is not a hexadecimal number`;
    default:
      return undefined;
  }
}
