import { normalizeModuleName } from './module-alias-index.js';
import type { Mount } from './mounts.js';

/** File systems that are not modules at all: the symbols that provide them. */
const BUILT_IN_FILESYSTEMS: Record<string, string[]> = {
  tmpfs: ['TMPFS'],
  devtmpfs: ['DEVTMPFS'],
  sysfs: ['SYSFS'],
  cgroup: ['CGROUPS'],
  cgroup2: ['CGROUPS'],
  bpf: ['BPF_SYSCALL'],
  mqueue: ['POSIX_MQUEUE'],
  securityfs: ['SECURITYFS'],
  selinuxfs: ['SECURITY_SELINUX'],
  configfs: ['CONFIGFS_FS'],
};

/** Always present in any kernel: nothing to suggest. */
const ALWAYS_PRESENT = new Set(['rootfs', 'ramfs', 'nsfs', 'pipefs', 'sockfs', 'anon_inodefs', 'proc_ns']);

/** Where the module's name differs from the type and modules.alias (`fs-TYPE`) is not at hand. */
const MODULE_OF_TYPE: Record<string, string> = {
  fusectl: 'fuse',
  fuseblk: 'fuse',
  autofs: 'autofs4',
  iso9660: 'isofs',
  nfs4: 'nfs',
  smb3: 'cifs',
  rpc_pipefs: 'sunrpc',
  ext2: 'ext4',
  ext3: 'ext4',
};

export type FilesystemProvider =
  | { kind: 'none' }
  | { kind: 'symbols'; symbols: string[] }
  | { kind: 'module'; module: string; how: string };

/** What provides a mounted file system type: fixed symbols, or a module (by `fs-TYPE` alias, table or name). */
export function filesystemProvider(type: string, aliasModule: string | null): FilesystemProvider {
  if (ALWAYS_PRESENT.has(type)) return { kind: 'none' };
  const symbols = BUILT_IN_FILESYSTEMS[type];
  if (symbols) return { kind: 'symbols', symbols };
  if (aliasModule) return { kind: 'module', module: aliasModule, how: `alias fs-${type} ${aliasModule} (modules.alias)` };
  // fuse.sshfs, fuse.gvfsd-fuse: FUSE user-space file systems.
  const base = type.split('.')[0] as string;
  const table = MODULE_OF_TYPE[base];
  if (table) return { kind: 'module', module: table, how: `file system ${type} is provided by ${table}` };
  return { kind: 'module', module: normalizeModuleName(base), how: `file system ${type} -> module ${normalizeModuleName(base)}` };
}

/**
 * The NLS tables a FAT mount needs: its `codepage=` and `iocharset=` options, or the defaults
 * (FAT_DEFAULT_CODEPAGE 437, FAT_DEFAULT_IOCHARSET iso8859-1) that the mount then uses.
 */
export function nlsModulesFor(mount: Mount): string[] {
  if (!['vfat', 'msdos', 'fat', 'exfat', 'iso9660', 'ntfs3', 'cifs', 'smb3'].includes(mount.type)) return [];
  const option = (name: string): string | undefined =>
    mount.options.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
  const modules: string[] = [];
  if (mount.type === 'vfat' || mount.type === 'msdos' || mount.type === 'fat') {
    modules.push(`nls_cp${option('codepage') ?? '437'}`);
    modules.push(nlsModule(option('iocharset') ?? 'iso8859-1'));
  } else {
    const charset = option('iocharset');
    if (charset) modules.push(nlsModule(charset));
  }
  return [...new Set(modules.filter((module) => module !== 'nls_utf8' || mount.type !== 'exfat'))];
}

function nlsModule(charset: string): string {
  return `nls_${normalizeModuleName(charset.toLowerCase())}`;
}
