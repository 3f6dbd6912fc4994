/** Menu paths and what a result says about a symbol's state, on a small hand-written tree. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSearchIndex } from '../../src/features/search/search-index.js';
import { searchSymbols } from '../../src/features/search/search-result.js';
import { SymbolSearch } from '../../src/features/search/symbol-search.js';
import { menuPath, primaryNode } from '../../src/model/menu-path.js';
import type { SymbolInfo } from '../../src/model/types.js';
import { networkModel } from './support/network-model.js';
import { tinyModel, tinyState } from './support/tiny-model.js';

function symbol(name: string): SymbolInfo {
  const found = networkModel.byName.get(name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('menuPath', () => {
  it('lists the enclosing menus outermost first, without the root and the node itself', () => {
    assert.deepEqual(menuPath(networkModel, primaryNode(networkModel, symbol('R8169'))), [
      'Device Drivers',
      'Network device support',
      'Ethernet driver support',
      'Realtek devices',
    ]);
  });

  it('skips if blocks, which have no prompt', () => {
    const node = primaryNode(networkModel, symbol('E1000E'));
    assert.equal(networkModel.nodes[networkModel.nodes[node]!.parent]!.kind, 'if');
    assert.deepEqual(menuPath(networkModel, node), ['Device Drivers', 'Network device support', 'Ethernet driver support', 'Intel devices']);
  });

  it('counts a symbol that others are nested under as a menu', () => {
    assert.equal(menuPath(networkModel, primaryNode(networkModel, symbol('E1000E_HWTS'))).at(-1), 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support');
  });

  it('is empty at the top level and for unknown nodes', () => {
    assert.deepEqual(menuPath(networkModel, primaryNode(networkModel, symbol('CRC32'))), []);
    assert.deepEqual(menuPath(networkModel, 0), []);
    assert.deepEqual(menuPath(networkModel, -1), []);
    assert.deepEqual(menuPath(networkModel, 10_000), []);
  });
});

describe('primaryNode', () => {
  it('picks the first entry with a prompt', () => {
    const model = tinyModel([{ config: 'FOO', type: 'bool' }, { menu: 'Later', children: [{ config: 'FOO_SHOWN', type: 'bool', prompt: 'Foo' }] }]);
    const foo = model.byName.get('FOO')!;
    const shown = model.byName.get('FOO_SHOWN')!;
    // Give FOO a second, prompted entry the way `config FOO` twice in Kconfig does.
    model.nodes[shown.nodes[0]!]!.symbol = foo.index;
    foo.nodes.push(shown.nodes[0]!);
    assert.equal(primaryNode(model, foo), shown.nodes[0]);
  });

  it('falls back to the first entry, or -1 without one', () => {
    assert.equal(primaryNode(networkModel, symbol('R8169_LEDS')), symbol('R8169_LEDS').nodes[0]);
    assert.equal(primaryNode(networkModel, { ...symbol('CRC32'), nodes: [] }), -1);
  });
});

describe('search results', () => {
  const search = new SymbolSearch(buildSearchIndex(networkModel));
  const state = tinyState(networkModel, {
    E1000E: { value: 'm' },
    E1000E_HWTS: { visible: 'n', changeable: false, nodeVisible: false },
    CRC32: { value: 'y', selectedTo: 'y', changeable: false },
    WIREGUARD: { value: 'm', visible: 'm', selectedTo: 'm', changeable: false },
    EXT4_FS: { visible: 'm', selectedTo: 'n', allowed: ['m'], value: 'm', changeable: false },
  });
  const first = (query: string) => {
    const result = searchSymbols(search, state, query).results[0];
    assert.ok(result, `a result for ${query}`);
    return result;
  };

  it('describe the symbol, its value, where it lives and how it matched', () => {
    assert.deepEqual(first('e1000e'), {
      symbol: symbol('E1000E').index,
      node: symbol('E1000E').nodes[0],
      name: 'E1000E',
      prompt: 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support',
      type: 'tristate',
      value: 'm',
      path: ['Device Drivers', 'Network device support', 'Ethernet driver support', 'Intel devices'],
      visible: true,
      changeable: true,
      lock: null,
      match: 'name',
    });
  });

  it('say why a symbol cannot be changed now', () => {
    assert.deepEqual([first('e1000e_hwts').visible, first('e1000e_hwts').lock], [false, 'depends']);
    assert.equal(first('r8169_leds').lock, 'no-prompt');
    assert.equal(first('crc32').lock, 'selected');
    assert.equal(first('wireguard').lock, 'selected');
    assert.equal(first('ext4_fs').lock, 'fixed');
  });

  it('count every match while returning at most the limit', () => {
    const { results, total } = searchSymbols(search, state, 'e', { limit: 3 });
    assert.equal(results.length, 3);
    assert.ok(total > 3);
  });
});
