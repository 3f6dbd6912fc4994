/** Text-level operations on .config files that the kernel's own scripts perform the same way. */

export interface FragmentEntry {
  name: string;
  /** The right-hand side as a .config spells it (`y`, `m`, `"text"`, `0x10`), or null for "is not set". */
  value: string | null;
}

export function stripConfigPrefix(name: string): string {
  return name.startsWith('CONFIG_') ? name.slice('CONFIG_'.length) : name;
}

export function fragmentLine(entry: FragmentEntry): string {
  return entry.value === null ? `# CONFIG_${entry.name} is not set` : `CONFIG_${entry.name}=${entry.value}`;
}

/**
 * merge_config.sh -m: every line of the base that mentions a symbol the fragment sets
 * (`CONFIG_X=` or `CONFIG_X `, anywhere in the line, as its sed does) is dropped, then the
 * fragment is appended. The kernel's olddefconfig then reads the result.
 */
export function mergeFragmentText(base: string, fragment: string): string {
  const names = fragmentSymbolNames(fragment);
  const mentions = (line: string): boolean => names.some((name) => line.includes(`${name}=`) || line.includes(`${name} `));
  const kept = base
    .split('\n')
    .filter((line) => !mentions(line))
    .join('\n');
  return `${kept}\n${fragment}${fragment.endsWith('\n') ? '' : '\n'}`;
}

/** The CONFIG_ names a fragment sets, in the order it sets them. */
export function fragmentSymbolNames(fragment: string): string[] {
  const names: string[] = [];
  for (const line of fragment.split('\n')) {
    const name = line.match(/^(CONFIG_[A-Za-z0-9_]*)=/)?.[1] ?? line.match(/^# (CONFIG_[A-Za-z0-9_]*) is not set$/)?.[1];
    if (name) names.push(name);
  }
  return names;
}

/** A .config string value: quoted with the kernel's escapes unless it already is. */
export function quoteString(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * Why a value cannot be stored in a `.config` line, or undefined when it can. The kernel's
 * format is one line per symbol: a newline would start a new line (a new CONFIG_ assignment of
 * the writer's choosing), and a NUL ends the value early in the kernel's C strings.
 */
export function unstorableValueReason(value: string): string | undefined {
  if (value.includes('\n') || value.includes('\r')) return 'the value contains a line break, which a .config line cannot hold';
  if (value.includes('\0')) return 'the value contains a NUL character, which a .config line cannot hold';
  return undefined;
}
