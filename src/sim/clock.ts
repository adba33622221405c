import { assert } from '../lib/assert.js';

/** A timer entry on the virtual clock. */
interface TimerEntry {
  readonly id: number;
  readonly dueMs: number;
  readonly label: string;
  readonly fire: () => void;
}

/** What `advance` reports: the new time and the timers it fired, in order. */
export interface AdvanceResult {
  readonly now: Date;
  readonly fired: readonly string[];
}

/**
 * The virtual clock and its scheduler. Every timestamp in the simulator comes from it.
 * Advancing it fires due timers in time order, each with the clock set to its due time,
 * so 400 days pass in milliseconds.
 */
export class VirtualClock {
  #nowMs: number;
  #nextId = 1;
  #timers: TimerEntry[] = [];
  readonly #listeners = new Set<(now: Date) => void>();

  constructor(start: Date = new Date()) {
    this.#nowMs = start.getTime();
  }

  /** The current virtual time. */
  now(): Date {
    return new Date(this.#nowMs);
  }

  /** The current virtual time in milliseconds since the epoch. */
  get nowMs(): number {
    return this.#nowMs;
  }

  /** Schedules `fire` at the virtual time `dueMs`; returns an id for `cancel`. */
  schedule(dueMs: number, label: string, fire: () => void): number {
    const entry: TimerEntry = { id: this.#nextId++, dueMs, label, fire };
    // Keep timers sorted by due time; equal times keep their scheduling order.
    const index = this.#timers.findIndex((t) => t.dueMs > dueMs);
    if (index === -1) this.#timers.push(entry);
    else this.#timers.splice(index, 0, entry);
    return entry.id;
  }

  /** Cancels a scheduled timer; cancelling one that already fired does nothing. */
  cancel(id: number): void {
    this.#timers = this.#timers.filter((t) => t.id !== id);
  }

  /** The timers still pending, soonest first. */
  pending(): readonly { readonly dueMs: number; readonly label: string }[] {
    return this.#timers.map(({ dueMs, label }) => ({ dueMs, label }));
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in time order. */
  advance(ms: number): AdvanceResult {
    assert(Number.isFinite(ms) && ms >= 0, `clock can only move forward (got ${ms} ms)`);
    const target = this.#nowMs + ms;
    const fired: string[] = [];
    for (;;) {
      const next = this.#timers[0];
      if (!next || next.dueMs > target) break;
      this.#timers.shift();
      this.#nowMs = Math.max(this.#nowMs, next.dueMs);
      fired.push(next.label);
      next.fire();
    }
    this.#nowMs = target;
    const now = this.now();
    for (const listener of this.#listeners) listener(now);
    return { now, fired };
  }

  /**
   * The clock as XState's `clock` actor option, so delayed transitions (`after`) run on virtual
   * time: a machine's timer is a scheduler entry here.
   */
  forXState(label: string): { setTimeout: (fn: () => void, ms: number) => number; clearTimeout: (id: number) => void } {
    return {
      setTimeout: (fn, ms) => this.schedule(this.#nowMs + ms, label, fn),
      clearTimeout: (id) => this.cancel(id),
    };
  }

  /** Listens for every advance; returns the function that unsubscribes. */
  onAdvance(listener: (now: Date) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
