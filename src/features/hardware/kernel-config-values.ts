/** `CONFIG_X=value` lines of a .config (`# CONFIG_X is not set` and unset both read as absent). */
export function parseKernelConfig(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = line.match(/^CONFIG_([A-Za-z0-9_]+)=(.*)$/);
    if (match) values.set(match[1] as string, match[2] as string);
  }
  return values;
}
