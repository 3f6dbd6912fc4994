/**
 * Debian's built cloud-amd64 kernel whose version is that of the installed linux-source-6.1 (and
 * linux-config-6.1): downloaded with apt-get download and unpacked with dpkg -x under $TMPDIR,
 * never installed (installing a kernel image runs its postinst hooks and puts a kernel in /boot).
 * It ships the oracle: /boot/config-*, modules.order (built as modules) and modules.builtin.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KernelImage {
  package: string;
  version: string;
  /** The unpacked package. */
  root: string;
  /** `6.1.0-57-cloud-amd64`. */
  release: string;
  config: string;
  modulesOrder: string;
  modulesBuiltin: string;
}

const run = (command: string, args: string[], cwd?: string): string =>
  execFileSync(command, args, { encoding: 'utf8', cwd, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

/** The linux-image-6.1.*-cloud-amd64-unsigned package of linux-source-6.1's version, unpacked once and cached. */
export function debianCloudImage(): KernelImage {
  const version = run('dpkg-query', ['-W', '-f', '${Version}', 'linux-source-6.1']).trim();
  const names = run('apt-cache', ['search', '--names-only', '^linux-image-6\\.1\\.0-[0-9]+-cloud-amd64-unsigned$'])
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name !== '');
  if (names.length === 0)
    throw new Error('apt-cache knows no linux-image-6.1.0-*-cloud-amd64-unsigned package: run apt-get update (Debian 12 with bookworm-security)');
  const madison = run('apt-cache', ['madison', ...names]);
  const match = madison
    .split('\n')
    .map((line) => line.split('|').map((field) => field.trim()))
    .find((fields) => fields[1] === version);
  if (!match) throw new Error(`no cloud-amd64 kernel image of version ${version} (linux-source-6.1's) in apt's lists: run apt-get update`);
  const name = match[0] as string;
  const cache = join(process.env.TUXCONF_ORACLE_CACHE ?? join(tmpdir(), 'tuxconf-oracle'), `${name}_${version}`);
  const root = join(cache, 'root');
  if (!existsSync(join(root, 'boot'))) {
    const partial = join(cache, 'partial');
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    run('apt-get', ['download', '-q', `${name}=${version}`], partial);
    const deb = readdirSync(partial).find((file) => file.endsWith('.deb'));
    if (!deb) throw new Error(`apt-get download ${name}=${version} left no .deb in ${partial}`);
    run('dpkg', ['-x', join(partial, deb), join(partial, 'root')]);
    rmSync(root, { recursive: true, force: true });
    renameSync(join(partial, 'root'), root);
    rmSync(partial, { recursive: true, force: true });
  }
  const release = readdirSync(join(root, 'lib', 'modules'))[0];
  if (!release) throw new Error(`${root} holds no lib/modules/RELEASE`);
  return {
    package: name,
    version,
    root,
    release,
    config: join(root, 'boot', `config-${release}`),
    modulesOrder: join(root, 'lib', 'modules', release, 'modules.order'),
    modulesBuiltin: join(root, 'lib', 'modules', release, 'modules.builtin'),
  };
}
