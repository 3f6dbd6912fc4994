/**
 * Runs a command in a terminal as a login shell runs a job over SSH: when the terminal hangs
 * up, the kernel sends SIGHUP to the session leader (this relay), which passes it on to the
 * job, as bash does for its jobs. The job's stderr goes to a file; its pid and then its exit
 * status (128 + n after signal n, as shells report it) are written to files. The relay stays
 * alive afterwards, so that its own exit cannot send a second SIGHUP that would end processes
 * the job left behind before a test looked for them.
 *
 * Usage: node --import tsx hangup-relay.ts STATE_DIR COMMAND [ARG...]
 * writes STATE_DIR/pid, STATE_DIR/stderr, STATE_DIR/status. With RELAY_FORWARD_HUP=0 the relay
 * keeps the SIGHUP to itself, as a shell that ignores it does: the job only finds its
 * terminal gone.
 */
import { spawn } from 'node:child_process';
import { openSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';

const [stateDir, command, ...args] = process.argv.slice(2);
if (!stateDir || !command) {
  process.stderr.write('usage: hangup-relay STATE_DIR COMMAND [ARG...]\n');
  process.exit(2);
}
const { RELAY_FORWARD_HUP: _, ...env } = process.env;
const child = spawn(command, args, { stdio: ['inherit', 'inherit', openSync(join(stateDir, 'stderr'), 'w')], env });
writeFileSync(join(stateDir, 'pid'), String(child.pid));
const forward = process.env.RELAY_FORWARD_HUP !== '0';
process.on('SIGHUP', () => {
  if (forward) child.kill('SIGHUP');
});
child.on('exit', (code, signal) => {
  const status = code ?? 128 + (signal ? constants.signals[signal] : 0);
  writeFileSync(join(stateDir, 'status'), `${status}\n`);
  setInterval(() => {}, 1 << 30);
});
