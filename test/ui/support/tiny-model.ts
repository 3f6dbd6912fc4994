import type { ConfigState, MenuModel, MenuNode, NodeKind, SymbolInfo, SymbolType } from '../../../src/model/types.js';

interface NodeSpec {
  kind: NodeKind;
  prompt: string | null;
  parent: number;
  symbol?: { name: string; type: SymbolType };
  menuconfig?: boolean;
  visible?: boolean;
}

/**
 * A small hand-made menu model for reducer tests (the flow tests use the real engine):
 *   0 root
 *   1  [ ] Alpha
 *   2  Bravo menu --->      3 Bee one, 4 Bee two (hidden)
 *   5  Pick (choice) --->   6 Cee one, 7 Cee two (selected)
 *   8  [*] Delta --->       (menuconfig) 9 Dee inner
 *   10..39 Item 10 .. Item 39
 */
export function tinyModel(): { model: MenuModel; config: ConfigState } {
  const specs: NodeSpec[] = [
    { kind: 'menu', prompt: 'Main menu', parent: -1 },
    { kind: 'symbol', prompt: 'Alpha', parent: 0, symbol: { name: 'ALPHA', type: 'bool' } },
    { kind: 'menu', prompt: 'Bravo menu', parent: 0 },
    { kind: 'symbol', prompt: 'Bee one', parent: 2, symbol: { name: 'B1', type: 'tristate' } },
    { kind: 'symbol', prompt: 'Bee two', parent: 2, symbol: { name: 'B2', type: 'tristate' }, visible: false },
    { kind: 'choice', prompt: 'Pick', parent: 0 },
    { kind: 'symbol', prompt: 'Cee one', parent: 5, symbol: { name: 'C1', type: 'bool' } },
    { kind: 'symbol', prompt: 'Cee two', parent: 5, symbol: { name: 'C2', type: 'bool' } },
    { kind: 'symbol', prompt: 'Delta', parent: 0, symbol: { name: 'DELTA', type: 'bool' }, menuconfig: true },
    { kind: 'symbol', prompt: 'Dee inner', parent: 8, symbol: { name: 'DEE', type: 'int' } },
  ];
  for (let index = 10; index < 40; index++) {
    specs.push({ kind: 'symbol', prompt: `Item ${index}`, parent: 0, symbol: { name: `ITEM${index}`, type: 'bool' } });
  }
  const symbols: SymbolInfo[] = [];
  const nodes: MenuNode[] = specs.map((spec, id) => {
    let symbol = -1;
    if (spec.symbol) {
      symbol = symbols.length;
      symbols.push({
        index: symbol,
        name: spec.symbol.name,
        type: spec.symbol.type,
        prompt: spec.prompt,
        help: '',
        definedAt: [{ file: 'Kconfig', line: id }],
        nodes: [id],
        dependsOn: '',
        selects: [],
        implies: [],
        selectedBy: '',
        impliedBy: '',
        ranges: [],
        defaults: [],
        choice: spec.parent === 5 ? 5 : -1,
      });
    }
    return {
      id,
      parent: spec.parent,
      children: [],
      kind: spec.kind,
      prompt: spec.prompt,
      symbol,
      menuconfig: spec.menuconfig ?? false,
      location: { file: 'Kconfig', line: id },
      dependsOn: '',
      visibleIf: '',
      help: '',
    };
  });
  for (const node of nodes) if (node.parent >= 0) nodes[node.parent]?.children.push(node.id);
  const config: ConfigState = {
    symbols: symbols.map((info) => ({
      value: info.name === 'C2' || info.name === 'DELTA' ? 'y' : info.type === 'int' ? '4' : 'n',
      visible: 'y',
      selectedTo: 'n',
      allowed: info.type === 'tristate' ? ['n', 'm', 'y'] : ['n', 'y'],
      changeable: true,
      hasValue: true,
    })),
    nodes: specs.map((spec) => ({ visible: spec.visible ?? true, empty: false, selected: -1 })),
  };
  const c2 = symbols.find((info) => info.name === 'C2')?.index ?? -1;
  config.nodes[5] = { visible: true, empty: false, selected: c2 };
  return { model: { nodes, symbols, byName: new Map(symbols.map((info) => [info.name, info])) }, config };
}
