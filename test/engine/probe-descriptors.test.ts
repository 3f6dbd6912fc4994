import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { debianConfig, kernelTree, type KernelVersion, outputDirWith, withTempDir } from '../support/kernel-trees.js';
import { runTuxconf } from '../support/run-cli.js';
import { sealedPlan } from './support/sealed-files.js';

// The $(shell ...) probes a parse runs, and the ones the probe plan runs ahead (even those the
// parse never asks for), are children of the frontend. They must not reach its protocol: neither
// write into the replies (the protocol's stdout inherited under another number) nor read the
// requests (its stdin), which would also hang a start whose plan runs a command that reads its
// input, since the frontend waits for every planned probe before it says it is ready.

async function dump(version: KernelVersion, out: string, cache: string, extra: string[] = []): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return runTuxconf(['-C', kernelTree(version), '-O', out, 'dump', '--json', ...extra], { env: { TUXCONF_CACHE_DIR: cache } });
}

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  test(
    `${version}: probes, run ahead from the plan or asked by the parse, can neither write into the frontend's replies nor read its requests`,
    { timeout: 240_000 },
    async () => {
      await withTempDir(`probe-descriptors-${version}`, async (dir) => {
        const out = await outputDirWith(dir, 'out', debianConfig(version));
        const truth = await dump(version, out, join(dir, 'cache-0'), ['--no-cache']);
        assert.equal(truth.exitCode, 0, truth.stderr);
        const plan = join(out, 'scripts/kconfig/.tuxconf-probe-plan');

        // A line that looks like a reply, written to every descriptor a probe could have inherited.
        const writer = 'for fd in 3 4 5 6 7 8 9; do echo \'{"id":null,"ok":true}\' >&$fd; done 2>/dev/null; true';
        await writeFile(plan, sealedPlan([writer]), { mode: 0o600 });
        const written = await dump(version, out, join(dir, 'cache-1'));
        assert.equal(written.exitCode, 0, written.stderr);
        assert.equal(written.stdout, truth.stdout, 'the menu of a start without a plan');

        // A command that reads its input to the end: it must get an end at once, not the requests.
        await writeFile(plan, sealedPlan(['cat > /dev/null']), { mode: 0o600 });
        const reader = await dump(version, out, join(dir, 'cache-2'));
        assert.equal(reader.exitCode, 0, reader.stderr);
        assert.equal(reader.stdout, truth.stdout, 'the menu of a start without a plan');
      });
    },
  );
}
