import type { ConfigState, MenuModel, MenuNode, SymbolInfo, SymbolState, SymbolType } from '../../../src/model/types.js';

/** A hand-written menu tree, shaped like a Kconfig file. */
export type Spec =
  | { menu: string; children: Spec[] }
  | { if: string; children: Spec[] }
  | { config: string; type?: SymbolType; prompt?: string; help?: string; menuconfig?: boolean; children?: Spec[] };

/** Builds the MenuModel the engine would report for `specs` (node 0 is the root menu). */
export function tinyModel(specs: Spec[]): MenuModel {
  const nodes: MenuNode[] = [];
  const symbols: SymbolInfo[] = [];
  const addNode = (parent: number, fields: Partial<MenuNode> & Pick<MenuNode, 'kind'>): number => {
    const id = nodes.length;
    nodes.push({
      id,
      parent,
      children: [],
      prompt: null,
      symbol: -1,
      menuconfig: false,
      location: { file: 'Kconfig', line: id + 1 },
      dependsOn: '',
      visibleIf: '',
      help: '',
      ...fields,
    });
    if (parent >= 0) nodes[parent]!.children.push(id);
    return id;
  };
  const visit = (spec: Spec, parent: number): void => {
    if ('menu' in spec) {
      const id = addNode(parent, { kind: 'menu', prompt: spec.menu });
      for (const child of spec.children) visit(child, id);
    } else if ('if' in spec) {
      const id = addNode(parent, { kind: 'if', dependsOn: spec.if });
      for (const child of spec.children) visit(child, id);
    } else {
      const index = symbols.length;
      const id = addNode(parent, {
        kind: 'symbol',
        prompt: spec.prompt ?? null,
        symbol: index,
        menuconfig: spec.menuconfig ?? false,
        help: spec.help ?? '',
      });
      symbols.push({
        index,
        name: spec.config,
        type: spec.type ?? 'tristate',
        prompt: spec.prompt ?? null,
        help: spec.help ?? '',
        definedAt: [{ file: 'Kconfig', line: id + 1 }],
        nodes: [id],
        dependsOn: '',
        selects: [],
        implies: [],
        selectedBy: '',
        impliedBy: '',
        ranges: [],
        defaults: [],
        choice: -1,
      });
      for (const child of spec.children ?? []) visit(child, id);
    }
  };
  addNode(-1, { kind: 'menu', prompt: 'Linux/x86 6.12.0 Kernel Configuration' });
  for (const spec of specs) visit(spec, 0);
  return { nodes, symbols, byName: new Map(symbols.map((symbol) => [symbol.name, symbol])) };
}

/** Every symbol 'n', shown and changeable, except the overrides by name. */
export function tinyState(model: MenuModel, overrides: Record<string, Partial<SymbolState> & { nodeVisible?: boolean }> = {}): ConfigState {
  const state: ConfigState = {
    symbols: model.symbols.map((symbol) => ({
      value: 'n',
      visible: symbol.prompt ? 'y' : 'n',
      selectedTo: 'n',
      allowed: ['n', 'm', 'y'],
      changeable: symbol.prompt !== null,
      hasValue: true,
    })),
    nodes: model.nodes.map((node) => ({ visible: node.prompt !== null, empty: false, selected: -1 })),
  };
  for (const [name, { nodeVisible, ...fields }] of Object.entries(overrides)) {
    const symbol = model.byName.get(name);
    if (!symbol) throw new Error(`no symbol ${name} in the tiny model`);
    Object.assign(state.symbols[symbol.index]!, fields);
    if (nodeVisible !== undefined) state.nodes[symbol.nodes[0]!]!.visible = nodeVisible;
  }
  return state;
}
