import { machine } from 'node:os';

/** The kernel's SUBARCH for a `uname -m` machine name (the same mapping as the top Makefile's sed). */
export function subarchOf(unameMachine: string): string {
  const rules: [RegExp, string][] = [
    [/^i.86$/, 'x86'],
    [/^x86_64$/, 'x86'],
    [/^sun4u$/, 'sparc64'],
    [/^arm.*/, 'arm'],
    [/^sa110$/, 'arm'],
    [/^s390x$/, 's390'],
    [/^ppc.*/, 'powerpc'],
    [/^mips.*/, 'mips'],
    [/^sh[234].*/, 'sh'],
    [/^aarch64.*/, 'arm64'],
    [/^riscv.*/, 'riscv'],
    [/^loongarch.*/, 'loongarch'],
  ];
  for (const [pattern, arch] of rules) if (pattern.test(unameMachine)) return arch;
  return unameMachine;
}

export function hostArch(): string {
  return subarchOf(machine());
}

/** SRCARCH for an ARCH, as the top Makefile derives it (the arch/ directory name). */
export function srcArchOf(arch: string): string {
  if (arch === 'i386' || arch === 'x86_64') return 'x86';
  if (arch === 'sparc32' || arch === 'sparc64') return 'sparc';
  if (arch === 'parisc64') return 'parisc';
  if (arch === 'sh64') return 'sh';
  return arch;
}
