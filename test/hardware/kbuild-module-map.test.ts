/** The module -> CONFIG symbol map read from the real Debian 6.12 tree's Makefiles and Kbuild files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KbuildObject, loadKbuildModuleMap, objectsForModule, parseMakefile } from '../../src/features/hardware/kbuild-module-map.js';
import { type ConfigValues, moduleBuildState, moduleObjects, objectBuildState, valuesToBuild } from '../../src/features/hardware/module-build-state.js';
import { readConfigValues } from '../../src/model/config-text.js';
import type { SymbolType } from '../../src/model/types.js';
import { debianConfig, type KernelVersion, kernelTree } from '../support/kernel-trees.js';

/** Values of a .config; every symbol it sets to m, and the ones named, are tristate (enough for these lines). */
function configValues(text: string, tristates: string[] = []): ConfigValues {
  const values = readConfigValues(text);
  const types = new Map<string, SymbolType>();
  for (const [name, value] of values) types.set(name, value === 'm' ? 'tristate' : value === 'y' ? 'bool' : 'string');
  for (const name of tristates) types.set(name, 'tristate');
  return { value: (name) => values.get(name) ?? 'n', type: (name) => types.get(name) };
}

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

describe('How make decides a line (build rules)', () => {
  const parse = (text: string): KbuildObject[] => {
    const objects: KbuildObject[] = [];
    parseMakefile('drivers/demo/Makefile', text, objects, new Map());
    return objects;
  };
  const values = (entries: Record<string, string>): Pick<ConfigValues, 'value'> => ({ value: (name) => entries[name] ?? 'n' });

  it('reads $(foo-y) lists of foo-$(CONFIG_X) objects as gated on X', () => {
    const objects = parse(['core-$(CONFIG_ADDR) := cm.o', 'obj-$(CONFIG_CORE) += core.o $(core-y)'].join('\n'));
    assert.deepEqual(
      objects.map((object) => [object.module, object.symbols.join('+'), object.rule.gates]),
      [
        ['cm', 'CORE', [{ symbol: 'ADDR', test: 'y' }]],
        ['core', 'CORE', []],
      ],
    );
    const [cm] = objects;
    assert.equal(objectBuildState(cm!, values({ CORE: 'm', ADDR: 'y' })), 'm');
    assert.equal(objectBuildState(cm!, values({ CORE: 'm', ADDR: 'n' })), 'n');
    assert.deepEqual(valuesToBuild(cm!, 'm'), [
      { name: 'ADDR', value: 'y' },
      { name: 'CORE', value: 'm' },
    ]);
  });

  it('reads ifdef, ifeq and ifneq tests on CONFIG_ symbols, else branches included', () => {
    const objects = parse(
      [
        'ifneq ($(CONFIG_UNICODE),)',
        'obj-y += unicode.o',
        'endif',
        'ifeq ($(CONFIG_X86_32),y)',
        'obj-$(CONFIG_A) += thirty_two.o',
        'else',
        'obj-$(CONFIG_A) += sixty_four.o',
        'endif',
        'ifeq ($(ARCH),x86)',
        'obj-$(CONFIG_B) += untested.o',
        'endif',
      ].join('\n'),
    );
    assert.deepEqual(
      objects.map((object) => [object.module, object.symbols.join('+'), object.rule.gates.map((gate) => `${gate.symbol}:${gate.test}`).join(',')]),
      [
        ['unicode', 'UNICODE', 'UNICODE:set'],
        ['thirty_two', 'A', 'X86_32:y'],
        ['sixty_four', 'A', 'X86_32:not-y'],
        ['untested', 'B', ''],
      ],
    );
    const on = values({ UNICODE: 'y', A: 'm', B: 'y' });
    assert.deepEqual(
      objects.map((object) => objectBuildState(object, on)),
      ['y', 'n', 'm', 'y'],
    );
  });

  it('evaluates $(subst y,...) and $(findstring y, ...) conditions as make does', () => {
    const [ppp, uv] = parse(
      ['obj-$(subst y,$(CONFIG_L2TP),$(CONFIG_PPPOL2TP)) += l2tp_ppp.o', 'obj-$(findstring y, $(CONFIG_P) $(CONFIG_Q)) += uv.o'].join('\n'),
    );
    assert.equal(objectBuildState(ppp!, values({ L2TP: 'm', PPPOL2TP: 'y' })), 'm', "PPPOL2TP=y takes L2TP's m");
    assert.equal(objectBuildState(ppp!, values({ L2TP: 'y', PPPOL2TP: 'm' })), 'm');
    assert.equal(objectBuildState(ppp!, values({ L2TP: 'y', PPPOL2TP: 'n' })), 'n');
    assert.equal(objectBuildState(uv!, values({ P: 'm', Q: 'y' })), 'y');
    assert.equal(objectBuildState(uv!, values({ P: 'm', Q: 'm' })), 'n');
  });

  it('keeps objects of a directory kbuild always enters, and builds them whatever the config', async () => {
    const map = await loadKbuildModuleMap(kernelTree('6.12'));
    const [blake] = objectsForModule(map, 'libblake2s', { srcArch: 'x86' });
    assert.equal(blake?.dir, 'lib/crypto');
    assert.equal(objectBuildState(blake!, values({})), 'y');
  });
});

for (const version of ['6.1', '6.12'] as KernelVersion[]) {
  describe(`The symbol of a module name on Debian ${version}`, () => {
    it('finds modules named differently from their file, built from several objects, behind a variable or a test', async () => {
      const map = await loadKbuildModuleMap(kernelTree(version));
      const config = configValues(debianConfig(version, 'amd64_none_amd64'));
      const symbolsOf = (module: string): string[] => [
        ...new Set(moduleObjects(map, module, { srcArch: 'x86' }, config).objects.flatMap((object) => object.symbols)),
      ];
      assert.deepEqual(symbolsOf('hid-generic'), ['HID_GENERIC']);
      assert.deepEqual(symbolsOf('serpent_generic'), ['CRYPTO_SERPENT']);
      assert.deepEqual(symbolsOf('nls_iso8859-1'), ['NLS_ISO8859_1']);
      assert.deepEqual(symbolsOf('dm-crypt'), ['DM_CRYPT']);
      assert.deepEqual(symbolsOf('virtio-rng'), ['HW_RANDOM_VIRTIO']);
      assert.deepEqual(symbolsOf('usb-storage'), ['USB_STORAGE']);
      assert.deepEqual(symbolsOf('dm-mod'), ['BLK_DEV_DM'], 'dm-mod-y := dm.o ... is one module');
      // A bool symbol's built-in object of the same name is not the module.
      assert.deepEqual(symbolsOf('msr'), ['X86_MSR']);
      assert.deepEqual(symbolsOf('kvm'), [version === '6.1' ? 'KVM' : 'KVM_X86']);
      assert.deepEqual(symbolsOf('msdos'), ['MSDOS_FS']);
      assert.deepEqual(symbolsOf('tls'), ['TLS']);
      assert.deepEqual(symbolsOf('rdma_cm'), ['INFINIBAND'], 'infiniband-$(CONFIG_INFINIBAND_ADDR_TRANS) := rdma_cm.o');
      const [rdma] = moduleObjects(map, 'rdma_cm', { srcArch: 'x86' }, config).objects;
      assert.deepEqual(rdma?.rule.gates, [{ symbol: 'INFINIBAND_ADDR_TRANS', test: 'y' }]);
      for (const module of ['hid-generic', 'serpent_generic', 'nls_iso8859-1', 'dm-crypt', 'virtio-rng', 'msr', 'kvm', 'rdma_cm']) {
        assert.equal(moduleBuildState(moduleObjects(map, module, { srcArch: 'x86' }, config), config), 'm', `${module} is a module in Debian's amd64 config`);
      }
    });
  });
}
