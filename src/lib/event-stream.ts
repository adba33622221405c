/** A listener of an append-only stream. */
export type StreamListener<T> = (item: T) => void;

/**
 * An append-only stream: items are kept in order, listeners hear each new item,
 * and the whole stream can be exported as JSON Lines.
 */
export class EventStream<T> {
  readonly #items: T[] = [];
  readonly #listeners = new Set<StreamListener<T>>();

  /** Appends an item and tells every listener. */
  append(item: T): void {
    this.#items.push(item);
    for (const listener of this.#listeners) listener(item);
  }

  /** Subscribes to new items; returns the function that unsubscribes. */
  subscribe(listener: StreamListener<T>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every item so far, oldest first (a read-only view, not a copy). */
  get items(): readonly T[] {
    return this.#items;
  }

  /** How many items the stream holds. */
  get size(): number {
    return this.#items.length;
  }

  /** The items as JSON Lines, one JSON object per line, each line ending in a newline. */
  toJsonLines(filter?: (item: T) => boolean): string {
    let out = '';
    for (const item of this.#items) {
      if (!filter || filter(item)) out += `${JSON.stringify(item)}\n`;
    }
    return out;
  }
}
