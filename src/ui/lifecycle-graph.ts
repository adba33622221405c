import { KEY_STATES, keyMachine, type KeyState } from '../sim/index.js';

/** One outgoing edge of a lifecycle state: an event and the states it can lead to. */
export interface LifecycleEdge {
  readonly event: string;
  /** Targets in the order the machine tries them; a guard names the condition of each but the last. */
  readonly targets: readonly { readonly state: string; readonly guard: string | undefined }[];
}

/** A state of the key lifecycle machine and its outgoing edges (self-loops left out). */
export interface LifecycleNode {
  readonly state: KeyState;
  /** True when keys in this state can be used for cryptography (the `usable` tag). */
  readonly usable: boolean;
  readonly edges: readonly LifecycleEdge[];
}

/**
 * The key lifecycle graph, read from the XState machine definition itself (its state nodes and
 * transitions), never drawn by hand: a change to the machine changes the diagram.
 */
export function lifecycleGraph(): readonly LifecycleNode[] {
  return KEY_STATES.map((state) => {
    const node = keyMachine.root.states[state];
    if (!node) return { state, usable: false, edges: [] };
    const edges: LifecycleEdge[] = [];
    for (const [event, definitions] of node.transitions) {
      const targets = definitions.flatMap((d) =>
        (d.target ?? []).map((t) => ({ state: String(t.key), guard: typeof d.guard === 'string' ? d.guard : guardName(d.guard) })),
      );
      const elsewhere = targets.filter((t) => t.state !== state);
      if (elsewhere.length > 0) edges.push({ event, targets: elsewhere });
    }
    return { state, usable: node.tags.includes('usable'), edges };
  });
}

function guardName(guard: unknown): string | undefined {
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return guard.type;
  return undefined;
}
