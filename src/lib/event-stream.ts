/** A listener of an append-only stream. */
export type StreamListener<T> = (item: T) => void;

/**
 * An append-only stream: items are kept in order, listeners hear each new item,
 * and the whole stream can be exported as JSON Lines.
 *
 * With a `limit`, it keeps at least the newest `limit` items and forgets older ones a tenth of
 * the limit at a time, so a long-running sandbox (an endpoint under load) cannot grow without
 * bound. Forgetting replaces `items` with a new array: a reader that keeps its place in `items`
 * sees a different array and starts again from the kept items.
 */
export class EventStream<T> {
  #items: T[] = [];
  #forgotten = 0;
  readonly #listeners = new Set<StreamListener<T>>();
  readonly #limit: number;

  constructor(options: { readonly limit?: number } = {}) {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 10)) throw new Error(`an event stream keeps at least 10 items; got a limit of ${limit}`);
    this.#limit = limit;
  }

  /** Appends an item and tells every listener. */
  append(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.#limit + Math.floor(this.#limit / 10)) {
      const drop = this.#items.length - this.#limit;
      this.#items = this.#items.slice(drop);
      this.#forgotten += drop;
    }
    for (const listener of this.#listeners) listener(item);
  }

  /** How many of the oldest items were forgotten to stay within the limit. */
  get forgotten(): number {
    return this.#forgotten;
  }

  /** The items appended after the first `count` ever appended (those still kept). */
  since(count: number): readonly T[] {
    return this.#items.slice(Math.max(0, count - this.#forgotten));
  }

  /** How many items were ever appended: the count to pass to `since` later. */
  get appended(): number {
    return this.#forgotten + this.#items.length;
  }

  /** Subscribes to new items; returns the function that unsubscribes. */
  subscribe(listener: StreamListener<T>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every item kept, oldest first (a read-only view, not a copy). */
  get items(): readonly T[] {
    return this.#items;
  }

  /** How many items the stream keeps. */
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
