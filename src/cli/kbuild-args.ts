import type { OpenOptions } from '../engine/open-options.js';
import { UsageError } from './command.js';

/**
 * Variables tuxconf accepts as `NAME=value` arguments, as make takes them. Only these, so that
 * `tuxconf set FOO=y` stays a symbol request.
 */
export const MAKE_VARIABLES = new Set([
  'ARCH', 'SRCARCH', 'O', 'KBUILD_OUTPUT', 'KCONFIG_CONFIG', 'CROSS_COMPILE', 'LLVM', 'LLVM_IAS',
  'CC', 'LD', 'AR', 'NM', 'OBJCOPY', 'OBJDUMP', 'READELF', 'STRIP', 'HOSTCC', 'HOSTCXX', 'HOSTLD', 'HOSTAR',
  'PAHOLE', 'PYTHON3', 'RUSTC', 'BINDGEN', 'KCFLAGS', 'KCPPFLAGS', 'KAFLAGS', 'KRUSTFLAGS', 'INSTALL_MOD_PATH',
]);

/** Options that take a value, with their long names. */
const VALUE_OPTIONS: Record<string, keyof Pick<OpenOptions, 'tree' | 'output' | 'arch' | 'config'>> = {
  '-C': 'tree',
  '--tree': 'tree',
  '-O': 'output',
  '--output': 'output',
  '--arch': 'arch',
  '--config': 'config',
};

export interface KbuildArgs {
  options: OpenOptions;
  /** Everything that is not a kbuild option, in order. */
  rest: string[];
}

export function isMakeVariable(arg: string): boolean {
  const eq = arg.indexOf('=');
  return eq > 0 && MAKE_VARIABLES.has(arg.slice(0, eq));
}

/** Splits the kbuild options (-C, -O, --arch, --config, VAR=value) from a command's own arguments. */
export function parseKbuildArgs(argv: string[]): KbuildArgs {
  const options: OpenOptions = {};
  const makeVars: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const [flag, inline] = splitInline(arg);
    const key = VALUE_OPTIONS[flag];
    if (arg === '--demo') {
      options.demo = true;
    } else if (arg === '--no-cache') {
      options.noCache = true;
    } else if (key) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      options[key] = value;
    } else if (isMakeVariable(arg)) {
      const eq = arg.indexOf('=');
      makeVars[arg.slice(0, eq)] = arg.slice(eq + 1);
    } else {
      rest.push(arg);
    }
  }
  if (Object.keys(makeVars).length > 0) options.makeVars = makeVars;
  return { options, rest };
}

/** The position of the first argument that is neither a kbuild option, its value, nor VAR=value. */
export function firstPositional(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return -1;
    const [flag, inline] = splitInline(arg);
    if (VALUE_OPTIONS[flag]) {
      if (inline === undefined) i++;
      continue;
    }
    if (arg.startsWith('-') || isMakeVariable(arg)) continue;
    return i;
  }
  return -1;
}

function splitInline(arg: string): [string, string | undefined] {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    return eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
  }
  if (/^-[CO]./.test(arg)) return [arg.slice(0, 2), arg.slice(2)];
  return [arg, undefined];
}

export const KBUILD_USAGE = `Kernel tree options (as make takes them):
  -C, --tree DIR      kernel source tree (default: the current directory)
  -O, --output DIR    output directory, like make O=; .config lives there
  --arch ARCH         like make ARCH= (default: $ARCH or the host's)
  --config FILE       like KCONFIG_CONFIG (default: .config in the output directory)
  VAR=value           CROSS_COMPILE=, LLVM=1, CC=, HOSTCC=, ... as given to make
  --demo              open the demo tree (fixtures/demo) even inside a kernel tree
  --no-cache          compute everything a start needs afresh (kbuild's environment,
                      Kconfig's probes, the menu, the loaded config's state); also
                      TUXCONF_NO_CACHE=1`;
