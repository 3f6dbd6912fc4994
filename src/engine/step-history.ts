/** A value the user asked for: `E1000E=m`, `LOCALVERSION="-x"`. */
export interface ValueRequest {
  name: string;
  value: string;
}

/** One undoable step: value requests, or a whole config text (a fragment merge, a load). */
export type Step =
  | { kind: 'requests'; label: string; requests: ValueRequest[] }
  | { kind: 'text'; label: string; text: Buffer };

/**
 * The session's undo list: the steps, how many of them are applied, and where the last save
 * was. Pure bookkeeping, shared by the session and by the draft journal that rebuilds it.
 */
export class StepHistory {
  private readonly list: Step[] = [];
  private appliedCount = 0;
  /** Steps applied at the last save; -1 when the saved state is no longer on the list. */
  private savedCount = 0;

  get steps(): readonly Step[] {
    return this.list;
  }

  get applied(): number {
    return this.appliedCount;
  }

  get appliedSteps(): Step[] {
    return this.list.slice(0, this.appliedCount);
  }

  get next(): Step | undefined {
    return this.list[this.appliedCount];
  }

  get unsavedCount(): number {
    return this.savedCount < 0 ? this.appliedCount + 1 : Math.abs(this.appliedCount - this.savedCount);
  }

  /** Steps applied at the last save (-1 when the saved state can no longer be reached by undo/redo). */
  get savedAt(): number {
    return this.savedCount;
  }

  push(step: Step): void {
    this.list.splice(this.appliedCount, this.list.length, step);
    this.appliedCount = this.list.length;
    if (this.savedCount > this.appliedCount - 1) this.savedCount = -1;
  }

  undo(): boolean {
    if (this.appliedCount === 0) return false;
    this.appliedCount--;
    return true;
  }

  redo(): boolean {
    if (this.appliedCount >= this.list.length) return false;
    this.appliedCount++;
    return true;
  }

  /** Moves to `count` applied steps (undo or redo several at once). */
  moveTo(count: number): void {
    this.appliedCount = Math.max(0, Math.min(count, this.list.length));
  }

  markSaved(): void {
    this.savedCount = this.appliedCount;
  }

  /** Replaces the last `count` applied steps (whole-config texts) with one step holding the last text. */
  combine(count: number, label: string): void {
    if (count < 1) return;
    const last = this.list.slice(this.appliedCount - count, this.appliedCount);
    const final = last.at(-1);
    if (count === 1 && final) {
      this.list[this.appliedCount - 1] = { ...final, label };
      return;
    }
    if (last.length !== count || last.some((step) => step.kind !== 'text') || final?.kind !== 'text') {
      throw new RangeError('only whole-config steps can be combined');
    }
    const start = this.appliedCount - count;
    const end = this.appliedCount;
    this.list.splice(start, count, { kind: 'text', label, text: final.text });
    this.appliedCount = start + 1;
    if (this.savedCount === end) this.savedCount = this.appliedCount;
    else if (this.savedCount > start && this.savedCount < end) this.savedCount = -1;
    else if (this.savedCount > end) this.savedCount -= count - 1;
  }

  /** Puts back a history recorded elsewhere (a draft). */
  static from(steps: readonly Step[], applied: number, savedAt: number): StepHistory {
    const history = new StepHistory();
    history.list.push(...steps);
    history.appliedCount = Math.max(0, Math.min(applied, steps.length));
    history.savedCount = savedAt < -1 || savedAt > steps.length ? -1 : savedAt;
    return history;
  }
}
