/**
 * One option parser for every command and the menu: each command's table parses its line, lists
 * its --help and tells main which word is the command (past options that take a value).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands/index.js';
import { isMakeVariable } from '../../src/cli/kbuild-args.js';
import { EVERY_OPTION } from '../../src/cli/main.js';
import { commandPosition, formatOptions, mergeOptionTables, type OptionTable, parseOptions } from '../../src/cli/options.js';
import { parseCommandArgs } from '../../src/cli/session-command.js';
import { runTuxconf } from '../support/run-cli.js';

const TABLE = {
  json: { type: 'boolean', help: 'as JSON' },
  limit: { type: 'string', value: 'N', nonEmpty: true, help: 'at most N' },
  keep: { type: 'string', multiple: true, value: 'PATTERN', help: 'keep these\ntoo' },
  jobs: { type: 'string', short: 'j', value: 'N', help: 'jobs' },
} as const satisfies OptionTable;

const usageError = (pattern: RegExp) => (error: unknown) => error instanceof UsageError && pattern.test(error.message);

describe('parseOptions', () => {
  it('reads every spelling of an option, repeated options and positionals, and what follows --', () => {
    const parsed = parseOptions(['a', '--json', '--limit', '3', '--keep=x', '-j4', '--keep', 'y', 'b', '--', '--json', 'c'], TABLE);
    assert.deepEqual(parsed.values, { json: true, limit: '3', keep: ['x', 'y'], jobs: '4' });
    assert.deepEqual(parsed.positionals, ['a', 'b']);
    assert.deepEqual(parsed.afterSeparator, ['--json', 'c']);
  });

  it('names the option as the user wrote it when something is wrong', () => {
    assert.throws(() => parseOptions(['--limit'], TABLE), usageError(/^--limit needs a value$/));
    assert.throws(() => parseOptions(['-j'], TABLE), usageError(/^-j needs a value$/));
    assert.throws(() => parseOptions(['--limit='], TABLE), usageError(/^--limit needs a value$/));
    assert.deepEqual(parseOptions(['--keep='], TABLE).values, { keep: [''] }, 'an empty value where one can be empty');
    assert.throws(() => parseOptions(['--json=yes'], TABLE), usageError(/^--json takes no value$/));
    assert.throws(
      () => parseOptions(['--frob'], TABLE),
      (error: unknown) => error instanceof UsageError && error.problem === 'unknown-option' && error.message === "Unknown option '--frob'",
    );
  });

  it('takes the kbuild options and VAR=value with every command', () => {
    const parsed = parseCommandArgs(['-C', '/src', '-O/out', '--arch=arm64', 'CROSS_COMPILE=aarch64-linux-gnu-', 'E1000E=y', '--json'], { json: TABLE.json });
    assert.deepEqual(parsed.open, { tree: '/src', output: '/out', arch: 'arm64', makeVars: { CROSS_COMPILE: 'aarch64-linux-gnu-' } });
    assert.deepEqual(parsed.positionals, ['E1000E=y']);
    assert.equal(parsed.values.json, true);
  });

  it('lists a table in aligned columns, continuation lines under the help', () => {
    assert.equal(
      formatOptions(TABLE, [['VAR=value', 'make variables']]),
      [
        '  --json          as JSON',
        '  --limit N       at most N',
        '  --keep PATTERN  keep these',
        '                  too',
        '  -j, --jobs N    jobs',
        '  VAR=value       make variables',
      ].join('\n'),
    );
  });
});

describe('finding the command in a whole command line', () => {
  const position = (argv: string[]): number => commandPosition(argv, EVERY_OPTION, isMakeVariable);

  it('skips options that take a value, with a space or an =, and VAR=value', () => {
    assert.equal(position(['--lsmod', 'FILE']), -1, 'the menu, with an lsmod file');
    assert.equal(position(['--hw-from', 'DIR', '-C', '/src']), -1);
    assert.equal(position(['--lsmod', 'FILE', 'suggest']), 2);
    assert.equal(position(['--arch', 'arm64', 'CROSS_COMPILE=x', '-O', '/out', 'save']), 5);
    assert.equal(position(['-C/src', 'get', 'E1000E']), 1);
    assert.equal(position(['--', 'get']), -1);
  });

  it('every option means the same in every command that takes it', () => {
    assert.doesNotThrow(() => mergeOptionTables(commands.map((command) => command.options)));
    assert.throws(() => mergeOptionTables([{ x: { type: 'string', help: '' } }, { x: { type: 'boolean', help: '' } }]), /declared twice/);
  });

  it('every command lists each of its options in its --help', () => {
    for (const command of commands) {
      for (const name of Object.keys(command.options)) assert.match(command.usage, new RegExp(`--${name}\\b`), `${command.name} --help lists --${name}`);
    }
  });
});

describe('the menu with hardware options, without a terminal', () => {
  it('takes --lsmod FILE and --hw-from DIR with a space, as --help shows them', async () => {
    for (const args of [['--lsmod', 'lsmod.txt'], ['--hw-from', 'capture'], ['--lsmod=lsmod.txt']]) {
      const result = await runTuxconf(args);
      assert.equal(result.exitCode, 1, result.stderr);
      assert.doesNotMatch(result.stderr, /unknown command/);
      assert.match(result.stderr, /the menu needs a terminal/);
    }
    const help = await runTuxconf(['--help']);
    assert.match(help.stdout, /^ {2}--hw-from DIR /m);
    assert.match(help.stdout, /^ {2}--lsmod FILE /m);
  });
});
