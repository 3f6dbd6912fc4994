import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import type { TuxconfError } from '../../src/engine/errors.js';
import { discoverKernelTree } from '../../src/engine/kernel-tree.js';
import { defaultCompiler, distccSlots, wrapCompiler } from '../../src/features/build/compiler-wrapper.js';
import { makeGoals, planBuild } from '../../src/features/build/make-invocation.js';
import { UsageError } from '../../src/cli/command.js';
import { parseBuildFlags } from '../../src/cli/commands/build.js';
import { kernelTree } from '../support/kernel-trees.js';

describe('compiler wrapping', () => {
  it('wraps the compiler kbuild would pick', () => {
    assert.equal(defaultCompiler({}), 'gcc');
    assert.equal(defaultCompiler({ CROSS_COMPILE: 'aarch64-linux-gnu-' }), 'aarch64-linux-gnu-gcc');
    assert.equal(defaultCompiler({ LLVM: '1' }), 'clang');
    assert.equal(defaultCompiler({ LLVM: '-18' }), 'clang-18');
    assert.equal(defaultCompiler({ LLVM: '/opt/llvm/bin/' }), '/opt/llvm/bin/clang');
    assert.equal(defaultCompiler({ CC: 'gcc-12', LLVM: '1' }), 'gcc-12');
    assert.deepEqual(wrapCompiler({}, {}), { env: {} });
    assert.deepEqual(wrapCompiler({ LLVM: '1' }, { ccache: true }), { cc: 'ccache clang', env: {}, label: 'ccache' });
    assert.deepEqual(wrapCompiler({}, { ccache: true, distributor: 'distcc', distccHosts: 'a/4 b/4' }), {
      cc: 'ccache gcc',
      env: { DISTCC_HOSTS: 'a/4 b/4', CCACHE_PREFIX: 'distcc' },
      label: 'ccache+distcc',
    });
    assert.deepEqual(wrapCompiler({ CC: 'distcc gcc' }, { distributor: 'distcc' }), { env: {}, label: 'distcc' });
    assert.equal(wrapCompiler({}, { distributor: 'icecc' }).cc, 'icecc gcc');
  });

  it('asks distcc itself how many jobs its hosts take', async () => {
    assert.equal(await distccSlots({ PATH: process.env.PATH, DISTCC_HOSTS: '127.0.0.1/3 10.0.0.2/8' }), 11);
    await assert.rejects(distccSlots({ PATH: process.env.PATH, DISTCC_HOSTS: '' }), /distcc has no hosts/);
  });
});

describe('planBuild', () => {
  it('runs the tree\'s make with O=, ARCH, the make variables, -j from the cores and the user\'s arguments', async () => {
    const tree = await discoverKernelTree({ tree: kernelTree('6.12'), output: '/tmp/tuxconf-plan-out', arch: 'x86', makeVars: { LLVM: '1' } });
    const plan = await planBuild({ tree, makeArgs: ['V=1', 'bzImage', 'modules'], env: { PATH: process.env.PATH } });
    assert.deepEqual(plan.args, ['-C', tree.srcTree, 'O=/tmp/tuxconf-plan-out', 'ARCH=x86', 'LLVM=1', `-j${availableParallelism()}`, 'V=1', 'bzImage', 'modules']);
    assert.deepEqual(plan.jobs, { jobs: availableParallelism(), source: 'cores' });
    assert.deepEqual(plan.targets, ['bzImage', 'modules']);
    assert.equal(plan.env.LC_MESSAGES, 'C');
  });

  it('sizes -j for the distcc hosts and wraps CC', async () => {
    const tree = await discoverKernelTree({ tree: kernelTree('6.12'), output: '/tmp/tuxconf-plan-out', arch: 'x86' });
    const plan = await planBuild({ tree, wrapping: { distributor: 'distcc', distccHosts: '127.0.0.1/6 localhost/2' }, env: { PATH: process.env.PATH } });
    assert.ok(plan.args.includes('CC=distcc gcc'));
    assert.ok(plan.args.includes('-j8'));
    assert.deepEqual(plan.jobs, { jobs: 8, source: 'distcc hosts' });
    assert.equal(plan.env.DISTCC_HOSTS, '127.0.0.1/6 localhost/2');
    assert.equal(plan.wrapper, 'distcc');
    const explicit = await planBuild({ tree, jobs: 3, wrapping: { distributor: 'distcc', distccHosts: '127.0.0.1/6' }, env: { PATH: process.env.PATH } });
    assert.deepEqual(explicit.jobs, { jobs: 3, source: 'option' });
  });

  it('says what to install when a wrapper is missing', async () => {
    const tree = await discoverKernelTree({ tree: kernelTree('6.12'), output: '/tmp/tuxconf-plan-out', arch: 'x86' });
    await assert.rejects(planBuild({ tree, wrapping: { distributor: 'icecc' }, env: { PATH: '/nonexistent' } }), (error: TuxconfError) => {
      assert.match(error.message, /icecc is not installed/);
      assert.match(error.hint ?? '', /apt-get install icecc/);
      return true;
    });
  });

  it('takes goals apart from options and assignments', () => {
    assert.deepEqual(makeGoals(['-k', '-j', '4', 'V=1', '-C', 'dir', 'vmlinux', 'M=x', 'modules']), ['vmlinux', 'modules']);
  });
});

describe('tuxconf build flags', () => {
  it('parses its own flags, passes make arguments through, and reports bad ones as usage errors', () => {
    assert.deepEqual(parseBuildFlags(['--log', '/tmp/b.log', '-j', '6', '--ccache', '--distcc-hosts', 'a/8', 'bzImage'], ['V=1', '-k', 'modules']), {
      logPath: '/tmp/b.log',
      jobs: 6,
      wrapping: { ccache: true, distributor: 'distcc', distccHosts: 'a/8' },
      makeArgs: ['bzImage', 'V=1', '-k', 'modules'],
    });
    assert.throws(() => parseBuildFlags(['-k'], []), (error: Error) => error instanceof UsageError && /Unknown option '-k'.*after --/.test(error.message));
    assert.throws(() => parseBuildFlags(['-j', 'lots'], []), UsageError);
    assert.throws(() => parseBuildFlags(['--distcc', '--icecc'], []), /choose one/);
  });
});
