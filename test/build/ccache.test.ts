import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildCommand } from '../../src/cli/commands/build.js';
import { kernelMake, kernelTree } from '../support/kernel-trees.js';
import { captureIo } from './support/capture-io.js';

const srcTree = kernelTree('6.12');
let workDir: string;
let objTree: string;
let cacheDir: string;

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-ccache-'));
  objTree = join(workDir, 'out');
  cacheDir = join(workDir, 'ccache');
  kernelMake(srcTree, objTree, ['defconfig']);
});

after(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** ccache's own counters for this cache directory. */
function ccacheStats(): Map<string, number> {
  const text = execFileSync('ccache', ['--print-stats'], { encoding: 'utf8', env: { ...process.env, CCACHE_DIR: cacheDir } });
  return new Map(text.split('\n').filter(Boolean).map((line) => {
    const [name, value] = line.split('\t');
    return [name!, Number(value)];
  }));
}

async function buildMath(): Promise<string[]> {
  const captured = captureIo({ ...process.env, CCACHE_DIR: cacheDir });
  const code = await buildCommand.run(['-C', srcTree, '-O', objTree, '--arch', 'x86', '--ccache', '--', 'lib/math/'], captured.io);
  assert.equal(code, 0, captured.stderr());
  assert.match(captured.stderr(), /CC='ccache gcc'/);
  return [...captured.stdout().matchAll(/^ {2}CC {6}(lib\/math\/\S+)\.o$/gm)].map((match) => match[1] as string);
}

describe('builds through ccache', () => {
  it('compiles through a real ccache: a rebuild of the same objects is served from the cache', async () => {
    const first = await buildMath();
    assert.ok(first.length >= 5, `lib/math objects compiled: ${first.join(' ')}`);
    const missesAfterFirst = ccacheStats().get('cache_miss') ?? 0;
    assert.ok(missesAfterFirst >= first.length, `ccache saw the first build (${missesAfterFirst} misses)`);
    await rm(join(objTree, 'lib/math'), { recursive: true, force: true });
    const second = await buildMath();
    assert.deepEqual(second.sort(), first.sort());
    const stats = ccacheStats();
    const hits = (stats.get('direct_cache_hit') ?? 0) + (stats.get('preprocessed_cache_hit') ?? 0);
    assert.ok(hits >= second.length, `ccache hits ${hits} for ${second.length} objects`);
  });
});
