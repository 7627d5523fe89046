/** The newest `capacity` items, oldest first; `dropped` counts those pushed out, so the loss is visible. */
export class BoundedList<T> {
  private readonly entries: T[] = [];
  dropped = 0;

  constructor(readonly capacity: number) {}

  push(item: T): void {
    this.entries.push(item);
    if (this.entries.length > this.capacity) {
      this.entries.shift();
      this.dropped++;
    }
  }

  items(): readonly T[] {
    return this.entries;
  }
}
