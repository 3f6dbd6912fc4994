/** What one line of kbuild output is, for highlighting, counting and jumping. */
export type LineKind =
  /** A compiler, linker or tool error. */
  | 'error'
  | 'warning'
  /** Context a compiler attaches to a diagnostic (`note:`), or a kbuild `***` message. */
  | 'note'
  /** make passing a failure up (`make[2]: *** [...] Error 1`): a consequence, not a cause. */
  | 'failure'
  /** A kbuild quiet-mode step such as `  CC      kernel/fork.o`. */
  | 'step'
  | 'text';

export interface LogLocation {
  /** As printed: relative to the output directory, or absolute. */
  file: string;
  line?: number;
  column?: number;
}

export interface LineClass {
  kind: LineKind;
  /** The diagnostic text without its location prefix (errors, warnings, notes). */
  message?: string;
  location?: LogLocation;
  /** For steps: kbuild's tag (`CC`, `LD [M]`, ...) and what it builds. */
  step?: { tag: string; target: string };
}

const STEP = /^ {2}([A-Z][A-Z0-9_-]*(?: \[M\])?) +(\S.*)$/;
const DIAGNOSTIC = /^(.+?):(\d+):(?:(\d+):)? (fatal error|error|warning|note): (.*)$/;
const TOOL_DIAGNOSTIC = /^([^\s:]+): (fatal error|error|warning|note): (.*)$/;
const MAKE_MESSAGE = /^(?:\S*\/)?g?make(?:\[\d+\])?: \*\*\* (.*)$/;
const MAKE_CONSEQUENCE = /^(?:\[.*\] (?:Error \d+|Interrupt|Terminated|Killed)|Waiting for unfinished jobs|Deleting file )/;
const MAKEFILE_ERROR = /^(.+?):(\d+): \*\*\* (.*)$/;
const LINKER = /^(?:\S*[/-])?ld(?:\.\w+)?: (.*)$/;
const LINKER_SYMBOL = /(?:undefined reference to|multiple definition of) /;
const LOCATED = /^(.+?):(\d+):/;
const SECTION_LOCATED = /^(.+?):\(/;
const TOOL_REPORT = /^(ERROR|FATAL|WARNING): (.*)$/;
const RUST_DIAGNOSTIC = /^(error|warning)(?:\[[A-Z]\d+\])?: (.*)$/;
const RUST_LOCATION = /^\s+--> (.+?):(\d+):(\d+)$/;
const SHELL_ERROR = /^(?:\/bin\/|\/usr\/bin\/)?(?:ba|da)?sh: (?:(?:line )?\d+: )?(.*)$/;
const SOURCE_FILE = /\/|\.(?:[chSsoa]|ko|rs|lds|dtsi?|[yl]|cpp|cc)$/;

const TEXT: LineClass = { kind: 'text' };

/** Classifies one line of make output; a pure function of the line. */
export function classifyLine(line: string): LineClass {
  // Kbuild steps are most of a build's output: test them first and cheaply.
  if (line.startsWith('  ') && line.length > 3) {
    const step = STEP.exec(line);
    if (step) return { kind: 'step', step: { tag: step[1] as string, target: step[2] as string } };
    const rust = RUST_LOCATION.exec(line);
    if (rust) return { kind: 'note', location: location(rust[1] as string, rust[2], rust[3]) };
    return TEXT;
  }
  if (line.startsWith(' ') || line.length === 0) return TEXT;

  const diagnostic = DIAGNOSTIC.exec(line);
  if (diagnostic) {
    return {
      kind: severityKind(diagnostic[4] as string),
      message: diagnostic[5] as string,
      location: location(diagnostic[1] as string, diagnostic[2], diagnostic[3]),
    };
  }

  const make = MAKE_MESSAGE.exec(line);
  if (make) {
    const message = make[1] as string;
    return { kind: MAKE_CONSEQUENCE.test(message) ? 'failure' : 'error', message };
  }
  const makefile = MAKEFILE_ERROR.exec(line);
  if (makefile) return { kind: 'error', message: makefile[3] as string, location: location(makefile[1] as string, makefile[2]) };

  if (LINKER_SYMBOL.test(line)) {
    const located = LOCATED.exec(line) ?? SECTION_LOCATED.exec(line);
    const result: LineClass = { kind: 'error', message: line };
    if (located) result.location = location(located[1] as string, located[2]);
    return result;
  }
  const linker = LINKER.exec(line);
  if (linker) {
    const message = linker[1] as string;
    if (/\bwarning\b/i.test(message)) return { kind: 'warning', message };
    if (/in function /.test(message)) return { kind: 'note', message };
    return { kind: 'error', message };
  }

  const tool = TOOL_DIAGNOSTIC.exec(line);
  if (tool) {
    const result: LineClass = { kind: severityKind(tool[2] as string), message: tool[3] as string };
    if (SOURCE_FILE.test(tool[1] as string)) result.location = { file: tool[1] as string };
    return result;
  }

  const report = TOOL_REPORT.exec(line) ?? RUST_DIAGNOSTIC.exec(line);
  if (report) {
    const severity = (report[1] as string).toLowerCase();
    return { kind: severity === 'warning' ? 'warning' : 'error', message: report[2] as string };
  }

  const shell = SHELL_ERROR.exec(line);
  if (shell) return { kind: 'error', message: shell[1] as string };

  if (line.startsWith('*** ')) return { kind: 'note', message: line.slice(4) };
  return TEXT;
}

function severityKind(severity: string): LineKind {
  if (severity === 'warning') return 'warning';
  if (severity === 'note') return 'note';
  return 'error';
}

function location(file: string, line?: string, column?: string): LogLocation {
  const result: LogLocation = { file };
  if (line !== undefined) result.line = Number(line);
  if (column !== undefined) result.column = Number(column);
  return result;
}

const COMPILE_TAGS = new Set(['CC', 'AS', 'CXX', 'HOSTCC', 'HOSTCXX', 'RUSTC', 'HOSTRUSTC'].flatMap((tag) => [tag, `${tag} [M]`]));

/**
 * What "objects built" counts: kbuild steps that compile something (CC, AS, HOSTCC, ...,
 * with or without [M]) or link an object file.
 */
export function isObjectStep(lineClass: LineClass): boolean {
  const step = lineClass.step;
  if (!step) return false;
  return COMPILE_TAGS.has(step.tag) || step.target.endsWith('.o');
}
