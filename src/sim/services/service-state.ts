import type { SimCore } from '../core.js';

/** Each simulator's service states, by service: they go when the simulator is reset. */
const STATES = new WeakMap<SimCore, Map<string, unknown>>();

/** The state a service keeps in one simulator (its volumes, buckets, parameters…), made on first use. */
export function serviceState<T>(core: SimCore, name: string, make: () => T): T {
  let states = STATES.get(core);
  if (!states) STATES.set(core, (states = new Map()));
  if (!states.has(name)) states.set(name, make());
  return states.get(name) as T;
}

/** Per-Region state of a service: one `T` per Region name, made on first use. */
export class PerRegion<T> {
  readonly #byRegion = new Map<string, T>();
  constructor(private readonly make: () => T) {}

  in(region: string): T {
    let state = this.#byRegion.get(region);
    if (!state) this.#byRegion.set(region, (state = this.make()));
    return state;
  }
}
