import type { OpenOptions } from '../engine/open-options.js';
import { formatOptions, type OptionTable, type OptionValues } from './options.js';

/**
 * Variables tuxconf accepts as `NAME=value` arguments, as make takes them. Only these, so that
 * `tuxconf set FOO=y` stays a symbol request.
 */
export const MAKE_VARIABLES = new Set([
  'ARCH',
  'SRCARCH',
  'O',
  'KBUILD_OUTPUT',
  'KCONFIG_CONFIG',
  'CROSS_COMPILE',
  'LLVM',
  'LLVM_IAS',
  'CC',
  'LD',
  'AR',
  'NM',
  'OBJCOPY',
  'OBJDUMP',
  'READELF',
  'STRIP',
  'HOSTCC',
  'HOSTCXX',
  'HOSTLD',
  'HOSTAR',
  'PAHOLE',
  'PYTHON3',
  'RUSTC',
  'BINDGEN',
  'KCFLAGS',
  'KCPPFLAGS',
  'KAFLAGS',
  'KRUSTFLAGS',
  'INSTALL_MOD_PATH',
]);

/** The options every command takes, as make takes them: which tree, output directory, arch and config. */
export const KBUILD_OPTIONS = {
  tree: { type: 'string', short: 'C', value: 'DIR', nonEmpty: true, help: 'kernel source tree (default: the current directory)' },
  output: { type: 'string', short: 'O', value: 'DIR', nonEmpty: true, help: 'output directory, like make O=; .config lives there' },
  arch: { type: 'string', value: 'ARCH', nonEmpty: true, help: "like make ARCH= (default: $ARCH or the host's)" },
  config: { type: 'string', value: 'FILE', nonEmpty: true, help: 'like KCONFIG_CONFIG (default: .config in the output directory)' },
  demo: { type: 'boolean', help: 'open the demo tree (fixtures/demo) even inside a kernel tree' },
  'no-cache': {
    type: 'boolean',
    help: "compute everything a start needs afresh (kbuild's environment,\nKconfig's probes, the menu, the loaded config's state); also\nTUXCONF_NO_CACHE=1",
  },
} as const satisfies OptionTable;

export function isMakeVariable(arg: string): boolean {
  const eq = arg.indexOf('=');
  return eq > 0 && MAKE_VARIABLES.has(arg.slice(0, eq));
}

/**
 * The tree to open from the kbuild options and the `VAR=value` arguments among the positionals;
 * the other positionals are the command's own, in order.
 */
export function kbuildOpenOptions(values: OptionValues<typeof KBUILD_OPTIONS>, positionals: string[]): { open: OpenOptions; rest: string[] } {
  const open: OpenOptions = {};
  if (values.tree !== undefined) open.tree = values.tree;
  if (values.output !== undefined) open.output = values.output;
  if (values.arch !== undefined) open.arch = values.arch;
  if (values.config !== undefined) open.config = values.config;
  if (values.demo) open.demo = true;
  if (values['no-cache']) open.noCache = true;
  const makeVars: Record<string, string> = {};
  const rest: string[] = [];
  for (const arg of positionals) {
    if (isMakeVariable(arg)) makeVars[arg.slice(0, arg.indexOf('='))] = arg.slice(arg.indexOf('=') + 1);
    else rest.push(arg);
  }
  if (Object.keys(makeVars).length > 0) open.makeVars = makeVars;
  return { open, rest };
}

export const KBUILD_USAGE = `Kernel tree options (as make takes them):
${formatOptions(KBUILD_OPTIONS, [['VAR=value', 'CROSS_COMPILE=, LLVM=1, CC=, HOSTCC=, ... as given to make']])}`;
