import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command.js';

/** One option of a command: how it is parsed and how `--help` lists it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** What the value is, in the help: DIR, FILE, N. */
  value?: string;
  /** An empty value (`--tree=`) is refused as a missing one: for paths and names that cannot be empty. */
  nonEmpty?: boolean;
  /** The help text; a line break starts an indented continuation line. */
  help: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

type ValueOf<Spec extends OptionSpec> = Spec['type'] extends 'boolean'
  ? Spec['multiple'] extends true
    ? boolean[]
    : boolean
  : Spec['multiple'] extends true
    ? string[]
    : string;

/** What a command line gave for each option of a table (absent options are undefined). */
export type OptionValues<Table extends OptionTable> = { -readonly [Name in keyof Table]?: ValueOf<Table[Name]> };

export interface ParsedOptions<Table extends OptionTable> {
  values: OptionValues<Table>;
  /** The arguments that are not options, before a `--`. */
  positionals: string[];
  /** Everything after a `--`, as given. */
  afterSeparator: string[];
}

/** The table in the shape node's parseArgs takes. */
function parseArgsOptions(table: OptionTable): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
}

/**
 * Parses a command line against one table: options anywhere before `--` (`--name value`,
 * `--name=value`, `-Xvalue`), the rest positionals. Any problem is a UsageError naming the option
 * as the user wrote it and what it needs.
 */
export function parseOptions<Table extends OptionTable>(argv: string[], table: Table): ParsedOptions<Table> {
  const { tokens = [] } = parseArgs({ args: argv, options: parseArgsOptions(table), allowPositionals: true, strict: false, tokens: true });
  const separator = tokens.find((token) => token.kind === 'option-terminator');
  const values: Record<string, string | boolean | (string | boolean)[]> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (separator && token.index >= separator.index) break;
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = table[token.name];
    if (!spec) throw new UsageError(`Unknown option '${token.rawName}'`, 'unknown-option');
    const value = optionValue(spec, token.rawName, token.value);
    if (spec.multiple) values[token.name] = [...((values[token.name] as (string | boolean)[] | undefined) ?? []), value];
    else values[token.name] = value;
  }
  return { values: values as OptionValues<Table>, positionals, afterSeparator: separator ? argv.slice(separator.index + 1) : [] };
}

function optionValue(spec: OptionSpec, rawName: string, value: string | undefined): string | boolean {
  if (spec.type === 'boolean') {
    if (value !== undefined) throw new UsageError(`${rawName} takes no value`);
    return true;
  }
  if (value === undefined || (value === '' && spec.nonEmpty)) throw new UsageError(`${rawName} needs a value`);
  return value;
}

/**
 * The `--help` lines of a table: `  -C, --tree DIR  help`, continuation lines indented under the
 * help; `extra` adds lines that are not options (`VAR=value`) in the same columns.
 */
export function formatOptions(table: OptionTable, extra: [head: string, help: string][] = []): string {
  const entries: [string, string][] = Object.entries(table).map(([name, spec]) => {
    const long = `--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return [spec.short ? `-${spec.short}, ${long}` : long, spec.help];
  });
  const all = [...entries, ...extra];
  const width = Math.max(...all.map(([head]) => head.length)) + 2;
  return all
    .map(([head, help]) => {
      const [first, ...rest] = help.split('\n');
      return [`  ${head.padEnd(width)}${first}`, ...rest.map((line) => `  ${' '.repeat(width)}${line}`)].join('\n');
    })
    .join('\n');
}

/**
 * Where the command name is in a whole tuxconf command line: the first argument that is not an
 * option, an option's value or an argument `skip` names (VAR=value), read with every option any
 * command declares (so `--lsmod FILE set` skips FILE). -1 when there is none before a `--`.
 */
export function commandPosition(argv: string[], everyOption: OptionTable, skip: (arg: string) => boolean = () => false): number {
  const { tokens = [] } = parseArgs({ args: argv, options: parseArgsOptions(everyOption), allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option-terminator') return -1;
    if (token.kind === 'positional' && !skip(token.value)) return token.index;
  }
  return -1;
}

/** Whether a command line asks for an option before any `--` (help, version), read as commandPosition reads it. */
export function asksFor(argv: string[], name: string, everyOption: OptionTable): boolean {
  const { tokens = [] } = parseArgs({ args: argv, options: parseArgsOptions(everyOption), allowPositionals: true, strict: false, tokens: true });
  const separator = tokens.find((token) => token.kind === 'option-terminator')?.index ?? Number.POSITIVE_INFINITY;
  return tokens.some((token) => token.kind === 'option' && token.name === name && token.index < separator);
}

/**
 * Several tables as one, for reading a whole command line. Every option has one meaning across
 * commands: the same name with another type or short letter is a programming error.
 */
export function mergeOptionTables(tables: OptionTable[]): OptionTable {
  const merged: Record<string, OptionSpec> = {};
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      const seen = merged[name];
      if (seen && (seen.type !== spec.type || seen.short !== spec.short)) {
        throw new Error(`option --${name} is declared twice with different meanings`);
      }
      merged[name] = seen ?? spec;
    }
  }
  return merged;
}
