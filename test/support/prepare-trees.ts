/**
 * Extracts Debian's kernel sources (packages linux-source-6.1 and linux-source-6.12) for the tests,
 * once. Fails with the install command when a package is missing: tests never skip for want of it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TREES_DIR } from './kernel-trees.js';

const versions = ['6.1', '6.12'];
mkdirSync(TREES_DIR, { recursive: true });
for (const version of versions) {
  const name = `linux-source-${version}`;
  const target = join(TREES_DIR, name);
  if (existsSync(join(target, 'Kconfig'))) continue;
  const tarball = `/usr/src/${name}.tar.xz`;
  if (!existsSync(tarball)) {
    console.error(`${tarball} is missing: sudo apt-get install ${name} linux-config-${version} flex bison bc gcc make`);
    process.exit(1);
  }
  console.log(`extracting ${tarball} into ${TREES_DIR}`);
  const partial = join(TREES_DIR, `.partial-${version}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  execFileSync('tar', ['-xf', tarball, '-C', partial], { stdio: 'inherit' });
  rmSync(target, { recursive: true, force: true });
  renameSync(join(partial, name), target);
  rmSync(partial, { recursive: true, force: true });
}
