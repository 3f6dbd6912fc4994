/**
 * `npm run test:sanitize`: the suites that drive the C frontend, with the frontend built under
 * AddressSanitizer and UndefinedBehaviorSanitizer (TUXCONF_FRONTEND_SANITIZE=1, its own cache key).
 *
 * Every sanitizer report is written to a log directory, and any report fails the run, even when
 * the test passed: a session restarts a frontend that died and replays its changes, which would
 * otherwise hide the crash. Leak detection is off: the kernel's kconfig library never frees its
 * parse tree or computed strings (conf, mconf and nconf end without freeing either).
 *
 * Arguments: the suites to run instead of the default ones.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEFAULT_SUITES = [
  'test/engine/frontend-protocol.test.ts',
  'test/engine/frontend-writes.test.ts',
  'test/engine/frontend-process.test.ts',
  'test/engine/frontend-properties.test.ts',
  'test/engine/frontend-changes.test.ts',
  'test/engine/state-changes-properties.test.ts',
  'test/engine/frontend-warnings.test.ts',
  'test/engine/session.test.ts',
  'test/engine/save-matches-olddefconfig.test.ts',
  'test/fix/fix-frontend.test.ts',
];

const logs = await mkdtemp(join(tmpdir(), 'tuxconf-sanitizer-'));
if (/[:\s]/.test(logs)) throw new Error(`the sanitizer log directory ${logs} must not hold ':' or blanks (they separate sanitizer options)`);
const env = {
  ...process.env,
  TUXCONF_FRONTEND_SANITIZE: '1',
  ASAN_OPTIONS: `detect_leaks=0:halt_on_error=1:log_path=${logs}/asan`,
  UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
  // UBSan next to ASan ignores log_path; the sanitizer build hands this path to UBSan's runtime itself.
  TUXCONF_UBSAN_LOG: `${logs}/ubsan`,
};
const suites = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_SUITES;
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...suites], { stdio: 'inherit', env });

const reports = (await readdir(logs)).sort();
for (const name of reports) {
  process.stderr.write(`\n==== sanitizer report ${name} ====\n${await readFile(join(logs, name), 'utf8')}\n`);
}
await rm(logs, { recursive: true, force: true });
if (reports.length > 0) {
  process.stderr.write(`test:sanitize: ${reports.length} sanitizer report(s) from the frontend (above)\n`);
  process.exit(1);
}
process.exit(run.status ?? 1);
