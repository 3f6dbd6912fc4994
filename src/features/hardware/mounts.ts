/** One line of /proc/mounts. */
export interface Mount {
  source: string;
  target: string;
  type: string;
  options: string[];
}

/** /proc/mounts: `SOURCE TARGET TYPE OPTIONS 0 0`, with spaces and tabs in paths written as octal escapes. */
export function parseMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3) continue;
    mounts.push({ source: unescape(fields[0] as string), target: unescape(fields[1] as string), type: fields[2] as string, options: (fields[3] ?? '').split(',') });
  }
  return mounts;
}

/** The mount that is `/` now: the last one mounted there (an initramfs `rootfs` sits below it). */
export function rootMount(mounts: Mount[]): Mount | null {
  return mounts.filter((mount) => mount.target === '/').pop() ?? null;
}

function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
