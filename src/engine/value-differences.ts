import type { ConfigState } from '../model/types.js';

/**
 * The symbols whose value differs from a baseline (the values as loaded, or as last saved),
 * kept up to date from the symbols each change touched, so that a toggle costs what it changed
 * and not a look at every symbol of the tree.
 */
export class ValueDifferences {
  private readonly differing = new Set<number>();
  private inOrder: readonly number[] | null = null;

  /** `missingDiffers`: whether a symbol the baseline has no value for counts as differing. */
  constructor(
    private baseline: readonly string[],
    private readonly missingDiffers: boolean,
  ) {}

  /** A new baseline, or a state not reached by known changes: every symbol is looked at. */
  reset(state: ConfigState, baseline: readonly string[] = this.baseline): void {
    this.baseline = baseline;
    this.differing.clear();
    state.symbols.forEach((symbol, index) => {
      if (this.differs(symbol.value, index)) this.differing.add(index);
    });
    this.inOrder = null;
  }

  /** The state after changes that touched only `touched` (indices of symbols). */
  update(state: ConfigState, touched: Iterable<number>): void {
    for (const index of touched) {
      const value = state.symbols[index]?.value;
      const differs = value !== undefined && this.differs(value, index);
      if (differs === this.differing.has(index)) continue;
      if (differs) this.differing.add(index);
      else this.differing.delete(index);
      this.inOrder = null;
    }
  }

  /** The indices of the differing symbols, ascending (menu order). */
  indices(): readonly number[] {
    this.inOrder ??= [...this.differing].sort((a, b) => a - b);
    return this.inOrder;
  }

  get baselineValues(): readonly string[] {
    return this.baseline;
  }

  private differs(value: string, index: number): boolean {
    const from = this.baseline[index];
    return from === undefined ? this.missingDiffers : value !== from;
  }
}
