/** The module -> CONFIG symbol map read from the real Debian 6.12 tree's Makefiles and Kbuild files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KbuildObject, loadKbuildModuleMap, objectsForModule, parseMakefile } from '../../src/features/hardware/kbuild-module-map.js';
import { kernelTree } from '../support/kernel-trees.js';

const symbolsOf = (objects: KbuildObject[]): string[] => objects.map((object) => object.symbols.join('+'));

describe('Kbuild module map of Debian 6.12', () => {
  const tree = kernelTree('6.12');

  it('maps a module to its own obj- line, with file and line', async () => {
    const map = await loadKbuildModuleMap(tree);
    assert.ok(map.makefileCount > 3000);
    const [e1000e] = objectsForModule(map, 'e1000e', { srcArch: 'x86' });
    assert.equal(e1000e?.makefile, 'drivers/net/ethernet/intel/e1000e/Makefile');
    assert.equal(e1000e?.text, 'obj-$(CONFIG_E1000E) += e1000e.o');
    assert.deepEqual(e1000e?.symbols, ['E1000E']);
    assert.deepEqual(symbolsOf(objectsForModule(map, 'i2c-i801', { srcArch: 'x86' })), ['I2C_I801'], '- and _ are the same');
  });

  it('is cached per tree', async () => {
    assert.equal(loadKbuildModuleMap(tree), loadKbuildModuleMap(`${tree}/`));
  });

  it('scopes by the module directory, then by the architecture', async () => {
    const map = await loadKbuildModuleMap(tree);
    assert.deepEqual(symbolsOf(objectsForModule(map, 'kvm', { srcArch: 'x86', treeDir: 'arch/x86/kvm' })), ['KVM_X86']);
    const unscoped = objectsForModule(map, 'kvm', { srcArch: 'x86' });
    assert.ok(unscoped.every((object) => !object.dir.startsWith('arch/') || object.dir.startsWith('arch/x86/')));
    assert.ok(symbolsOf(unscoped).includes('KVM_X86'));
    const arm64 = objectsForModule(map, 'kvm', { srcArch: 'arm64' });
    assert.ok(arm64.some((object) => object.dir === 'arch/arm64/kvm'));
    assert.ok(!arm64.some((object) => object.dir.startsWith('arch/x86')));
    assert.deepEqual(symbolsOf(objectsForModule(map, 'debugfs', { srcArch: 'x86', dirHint: 'fs/' })), ['DEBUG_FS']);
  });

  it('joins continuations, reads computed conditions and inherits a directory guard', async () => {
    const map = await loadKbuildModuleMap(tree);
    assert.deepEqual(symbolsOf(objectsForModule(map, 'l2tp_ppp', { srcArch: 'x86' })), ['L2TP+PPPOL2TP']);
    const [wcc] = objectsForModule(map, 'brcmfmac_wcc', { srcArch: 'x86' });
    assert.deepEqual(wcc?.symbols, ['BRCMFMAC']);
    assert.equal(wcc?.text, 'obj-m += brcmfmac-wcc.o');
    assert.equal(wcc?.inheritedFrom?.makefile, 'drivers/net/wireless/broadcom/brcm80211/Makefile');
    assert.equal(objectsForModule(map, 'nvidia', { srcArch: 'x86' }).length, 0, 'out-of-tree modules have no line');
  });

  it('parses continuation lines, variables and comments like streamline_config.pl (and better)', () => {
    const objects: KbuildObject[] = [];
    parseMakefile(
      'drivers/demo/Makefile',
      [
        '# obj-$(CONFIG_COMMENTED) += commented.o',
        'demo-objs := a.o b.o',
        'DEMO_SYM := $(CONFIG_DEMO_VAR)',
        'obj-$(CONFIG_DEMO) += first.o \\',
        '\tsecond-part.o   # trailing comment.o',
        'obj-$(DEMO_SYM) += viavar.o',
        'obj-${CONFIG_BRACES} += sub/inner.o',
      ].join('\n'),
      objects,
      new Map(),
    );
    assert.deepEqual(
      objects.map((object) => [object.module, object.symbols.join('+'), object.dir, object.line]),
      [
        ['first', 'DEMO', 'drivers/demo', 4],
        ['second_part', 'DEMO', 'drivers/demo', 4],
        ['viavar', 'DEMO_VAR', 'drivers/demo', 6],
        ['inner', 'BRACES', 'drivers/demo/sub', 7],
      ],
    );
  });
});
