import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../../../src/engine/tools.js';
import { processGroupMembers } from '../../../src/features/build/process-group.js';
import { waitFor } from './build-processes.js';

export interface Distccd {
  port: number;
  logPath: string;
  log(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A real distccd serving 127.0.0.1 only, logging every job to a file, in its own process group. */
export async function startDistccd(): Promise<Distccd> {
  if (!(await findExecutable('distccd')) || !(await findExecutable('distcc'))) {
    throw new Error('distcc is not installed: apt-get install -y distcc (.ci/run installs it for CI)');
  }
  const dir = await mkdtemp(join(tmpdir(), 'tuxconf-test-distccd-'));
  // Started as root, distccd drops to its own user, which must still write the log.
  await chmod(dir, 0o777);
  const logPath = join(dir, 'distccd.log');
  const port = await freePort();
  const daemon: ChildProcess = spawn(
    'distccd',
    ['--daemon', '--no-detach', '--allow', '127.0.0.1', '--listen', '127.0.0.1', '--port', String(port), `--log-file=${logPath}`, '--log-level=info'],
    { detached: true, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => daemon.on('exit', () => resolve()));
  const log = (): Promise<string> => readFile(logPath, 'utf8').catch(() => '');
  let text = '';
  await waitFor(() => {
    void log().then((current) => {
      text = current;
    });
    return text.includes(`listening on 127.0.0.1:${port}`) && text.includes('daemon started');
  }, 10_000, 'distccd to listen');
  const pgid = daemon.pid as number;
  return {
    port,
    logPath,
    log,
    async stop() {
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
      await waitFor(() => processGroupMembers(pgid).every((member) => member.state === 'Z'), 5000, 'distccd to stop');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
