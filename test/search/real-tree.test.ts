/**
 * Search over the real Debian 6.12 tree, opened through the kernel's own kconfig with Debian's
 * amd64 config: realistic queries of every kind must put the intended symbol first, and menu
 * paths must be what menuconfig's own help screen shows as "Location:".
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSession } from '../../src/engine/open-session.js';
import type { Session } from '../../src/engine/session.js';
import { buildSearchIndex } from '../../src/features/search/search-index.js';
import { searchSymbols, type SearchResult } from '../../src/features/search/search-result.js';
import { SymbolSearch, type MatchKind } from '../../src/features/search/symbol-search.js';
import { menuPath } from '../../src/model/menu-path.js';
import { debianConfig, kernelTree, outputDirWith } from '../support/kernel-trees.js';

let workDir = '';
let session: Session;
let search: SymbolSearch;

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tuxconf-test-search-'));
  const output = await outputDirWith(workDir, 'out', debianConfig('6.12'));
  session = await openSession({ tree: kernelTree('6.12'), output });
  search = new SymbolSearch(buildSearchIndex(session.model));
});

after(async () => {
  await session?.close();
  await rm(workDir, { recursive: true, force: true });
});

function results(query: string, limit = 20): SearchResult[] {
  return searchSymbols(search, session.state, query, { limit }).results;
}

function assertFirst(query: string, name: string, match: MatchKind): void {
  const top = results(query).slice(0, 5).map((result) => `${result.name}:${result.match}`);
  assert.equal(top[0], `${name}:${match}`, `"${query}" ranks ${top.join(', ')}`);
}

describe('search on the real 6.12 tree', () => {
  it('finds an exact name first', () => {
    assertFirst('E1000E', 'E1000E', 'name');
    assertFirst('ext4_fs', 'EXT4_FS', 'name');
  });

  it('ignores the CONFIG_ prefix, also in pasted .config lines', () => {
    assertFirst('CONFIG_E1000E', 'E1000E', 'name');
    assertFirst('CONFIG_EXT4_FS=m', 'EXT4_FS', 'name');
    assertFirst('# CONFIG_WIREGUARD is not set', 'WIREGUARD', 'name');
  });

  it('finds symbols by the words of their prompt', () => {
    assertFirst('intel pro/1000 pcie', 'E1000E', 'words');
    assertFirst('intel pro 1000 pci express', 'E1000E', 'words');
  });

  it('finds words of the menus around a symbol, below prompt words', () => {
    // HZ_1000's prompt is "1000 HZ"; "Timer frequency" is the choice it sits in.
    assertFirst('timer frequency 1000', 'HZ_1000', 'partial');
  });

  it('finds a device by vendor and chip', () => {
    assertFirst('realtek 8169', 'R8169', 'words');
    assertFirst('intel 82575', 'IGB', 'words');
    assertFirst('broadcom tigon3', 'TIGON3', 'words');
    assertFirst('broadcom tg3', 'TIGON3', 'help');
  });

  it('finds a word that only the help text has', () => {
    for (const [word, name] of [
      ['tune2fs', 'EXT4_FS'],
      ['rtl8168', 'R8169'],
    ] as const) {
      const info = session.symbol(name)!;
      assert.doesNotMatch(`${info.name} ${info.prompt}`, new RegExp(word, 'i'), `${word} is not in ${name}'s name or prompt`);
      assert.match(info.help, new RegExp(word, 'i'));
      assertFirst(word, name, 'help');
    }
  });

  it('tolerates typos', () => {
    assertFirst('e1000r', 'E1000E', 'fuzzy');
    assertFirst('wiregaurd', 'WIREGUARD', 'fuzzy');
    assertFirst('ext4 filesytem', 'EXT4_FS', 'fuzzy');
    assertFirst('etherent', 'ETHERNET', 'fuzzy');
    assertFirst('blutooth', 'BT', 'fuzzy');
  });

  it('finds every symbol by its own name first', () => {
    const names = session.model.symbols.filter((_, i) => i % 50 === 0).map((symbol) => symbol.name);
    assert.ok(names.length > 300);
    for (const name of names) assertFirst(name, name, 'name');
  });

  it('lists every name that begins with the query, shortest first, before prompt matches', () => {
    for (const prefix of ['usb_serial_', 'e1000', 'snd_hda_codec']) {
      const expected = session.model.symbols
        .map((symbol) => symbol.name)
        .filter((name) => name.toLowerCase().startsWith(prefix))
        .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
      const found = results(prefix, 1000).filter((result) => result.match === 'name' || result.match === 'name-prefix');
      assert.deepEqual(found.map((result) => result.name), expected, prefix);
      assert.deepEqual(results(prefix, 1000).slice(0, expected.length).map((result) => result.name), expected);
    }
  });

  it('describes each result against the loaded config', () => {
    const [e1000e] = results('E1000E');
    assert.deepEqual(e1000e && { ...e1000e, symbol: 0, node: 0 }, {
      symbol: 0,
      node: 0,
      name: 'E1000E',
      prompt: 'Intel(R) PRO/1000 PCI-Express Gigabit Ethernet support',
      type: 'tristate',
      value: session.value('E1000E'),
      path: ['Device Drivers', 'Network device support', 'Ethernet driver support', 'Intel devices'],
      visible: true,
      changeable: true,
      lock: null,
      match: 'name',
    });
    assert.equal(session.value('E1000E'), 'm', "Debian's config builds E1000E as a module");
  });

  it('says why a symbol cannot be changed now', () => {
    const { symbols } = session.model;
    const states = session.state.symbols;
    const hidden = symbols.find((symbol, i) => symbol.prompt && states[i]!.visible === 'n');
    const forced = symbols.find((symbol, i) => symbol.prompt && !states[i]!.changeable && states[i]!.visible !== 'n' && states[i]!.selectedTo !== 'n');
    const promptless = symbols.find((symbol) => !symbol.prompt);
    assert.ok(hidden && forced && promptless);
    assert.deepEqual(pick(results(hidden.name)[0]), { name: hidden.name, visible: false, changeable: false, lock: 'depends' });
    assert.deepEqual(pick(results(forced.name)[0]), { name: forced.name, visible: true, changeable: false, lock: 'selected' });
    assert.deepEqual(pick(results(promptless.name)[0]), { name: promptless.name, visible: false, changeable: false, lock: 'no-prompt' });
  });

  it('gives the same results typed one key at a time', () => {
    for (const query of ['intel pro/1000 pcie', 'CONFIG_E1000E', 'ext4 filesytem', 'sound hda intel', 'tune2fs']) {
      const typing = new SymbolSearch(search.index);
      for (let length = 1; length <= query.length; length++) {
        const prefix = query.slice(0, length);
        assert.deepEqual(typing.search(prefix), new SymbolSearch(search.index).search(prefix), prefix);
      }
    }
  });
});

function pick(result: SearchResult | undefined) {
  assert.ok(result);
  return { name: result.name, visible: result.visible, changeable: result.changeable, lock: result.lock };
}

/** The "-> Prompt" lines of a Location: block in menuconfig's help text, without " (SYMBOL [=value])". */
function kernelLocation(helpText: string): string[] {
  const lines = helpText.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'Location:');
  if (start < 0) return [];
  const location: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^\s+-> (.*)$/.exec(line);
    if (!match) break;
    location.push(match[1]!.replace(/ \((?:\w+|<choice>) \[=.*\]\)$/, ''));
  }
  return location;
}

/** menuconfig prints at most this many levels of Location:, the innermost ones. */
const KERNEL_LOCATION_DEPTH = 8;

describe('menuPath on the real 6.12 tree', () => {
  it("matches the Location: of menuconfig's help screen", async () => {
    const model = session.model;
    const sample = model.symbols.filter((symbol) => symbol.prompt && symbol.nodes.length === 1).filter((_, i) => i % 40 === 0);
    assert.ok(sample.length > 300);
    let deepest = 0;
    for (const symbol of sample) {
      const node = symbol.nodes[0]!;
      const location = kernelLocation(await session.helpText(node));
      assert.equal(location.at(-1), model.nodes[node]!.prompt, `${symbol.name}: the location ends at the entry itself`);
      const path = menuPath(model, node);
      const shown = location.length === KERNEL_LOCATION_DEPTH ? path.slice(-(KERNEL_LOCATION_DEPTH - 1)) : path;
      assert.deepEqual(shown, location.slice(0, -1), symbol.name);
      deepest = Math.max(deepest, path.length);
    }
    assert.ok(deepest >= 5, 'the sample reaches deep menus');
  });
});
