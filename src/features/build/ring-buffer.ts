/**
 * The last `capacity` items of an append-only sequence, addressed by their absolute index
 * (0 for the first item ever pushed), so a view can keep its position while old items fall off.
 */
export class RingBuffer<T> {
  readonly capacity: number;
  private readonly slots: (T | undefined)[];
  private pushed = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.slots = new Array<T | undefined>(capacity);
  }

  /** How many items were ever pushed; the next item gets this index. */
  get total(): number {
    return this.pushed;
  }

  /** The absolute index of the oldest item still held. */
  get first(): number {
    return Math.max(0, this.pushed - this.capacity);
  }

  get size(): number {
    return this.pushed - this.first;
  }

  push(item: T): void {
    this.slots[this.pushed % this.capacity] = item;
    this.pushed += 1;
  }

  /** The item at an absolute index, or undefined once it has fallen off (or not yet arrived). */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < this.first || index >= this.pushed) return undefined;
    return this.slots[index % this.capacity];
  }

  /** Items with absolute indexes in [from, to), clipped to what is held. */
  slice(from: number, to: number = this.pushed): T[] {
    const start = Math.max(from, this.first);
    const end = Math.min(to, this.pushed);
    const items: T[] = [];
    for (let index = start; index < end; index += 1) items.push(this.slots[index % this.capacity] as T);
    return items;
  }
}
