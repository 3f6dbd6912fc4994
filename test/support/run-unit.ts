/**
 * `npm run test:unit`: the suites of the pure modules (model, parsers, features without a kernel
 * tree, the UI's state machines), in seconds. A suite is a unit suite when it imports nothing that
 * needs a kernel tree, make, another process or a terminal: none of the modules below. The full
 * suite (`npm test`) runs every suite, these included.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Imports that make a suite need a kernel tree, the kconfig frontend, a process or a terminal. */
const NEEDS_MORE = [
  /\/support\/kernel-trees\.js$/,
  /\/support\/run-cli\.js$/,
  /\/support\/tmux\.js$/,
  /\/support\/tui-harness\.js$/,
  /\/support\/prepare-trees\.js$/,
  /\/frontend-harness\.js$/,
  /\/engine\/open-session\.js$/,
  /\/engine\/kernel-tree\.js$/,
  /\/engine\/frontend-(process|build)\.js$/,
  /\/features\/build\/build-run\.js$/,
  /pty-driver\.js$/,
  /^(node:)?child_process$/,
  /^execa$/,
];

function suites(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return suites(path);
    return /\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (match) => match[1] as string,
  );
}

export function unitSuites(): string[] {
  return suites(join(ROOT, 'test'))
    .filter((file) => !importsOf(file).some((specifier) => NEEDS_MORE.some((pattern) => pattern.test(specifier))))
    .map((file) => relative(ROOT, file))
    .sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = unitSuites();
  if (process.argv.includes('--list')) {
    process.stdout.write(`${files.join('\n')}\n`);
  } else {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { cwd: ROOT, stdio: 'inherit' });
    process.exit(run.status ?? 1);
  }
}
