import { describe, expect, it } from 'vitest';
import { KEY_STATES, keyMachine } from '../../src/sim/index.js';
import { lifecycleGraph, type LifecycleEdge } from '../../src/ui/lifecycle-graph.js';

type TransitionConfig = string | { target?: string | string[]; guard?: unknown } | undefined;

/**
 * The edges of a state as its configuration writes them (`on: { event: target | {…} | […] }`),
 * read independently of the state nodes' parsed `transitions` the graph uses.
 */
function configuredEdges(state: string): LifecycleEdge[] {
  const on = (keyMachine.root.states[state]?.config.on ?? {}) as Record<string, TransitionConfig | TransitionConfig[]>;
  const edges: LifecycleEdge[] = [];
  for (const [event, value] of Object.entries(on)) {
    const list = Array.isArray(value) ? value : [value];
    const targets = list.flatMap((t) => {
      const config = typeof t === 'string' ? { target: t } : (t ?? {});
      const guard = typeof config.guard === 'string' ? config.guard : undefined;
      return [config.target ?? []].flat().map((target) => ({ state: target, guard }));
    });
    const elsewhere = targets.filter((t) => t.state !== state);
    if (elsewhere.length > 0) edges.push({ event, targets: elsewhere });
  }
  return edges;
}

describe('lifecycleGraph', () => {
  const graph = lifecycleGraph();
  const node = (state: string) => graph.find((n) => n.state === state);

  it('has a node for each of the 8 key states, in KEY_STATES order, as the machine defines them', () => {
    expect(graph.map((n) => n.state)).toEqual([...KEY_STATES]);
    expect(graph).toHaveLength(8);
    expect(Object.keys(keyMachine.root.states).sort()).toEqual([...KEY_STATES].sort());
  });

  it('leads from Enabled to Disabled on key.disable', () => {
    expect(node('Enabled')?.edges).toContainEqual({ event: 'key.disable', targets: [{ state: 'Disabled', guard: undefined }] });
  });

  it('leads from PendingDeletion back to Disabled on key.cancelDeletion, and nowhere else', () => {
    expect(node('PendingDeletion')?.edges).toEqual([{ event: 'key.cancelDeletion', targets: [{ state: 'Disabled', guard: undefined }] }]);
  });

  it('names the guard of each conditional target, in the order the machine tries them', () => {
    expect(node('Enabled')?.edges.find((e) => e.event === 'key.scheduleDeletion')?.targets).toEqual([
      { state: 'PendingReplicaDeletion', guard: 'hasReplicas' },
      { state: 'PendingDeletion', guard: undefined },
    ]);
  });

  it('leaves out self-loops such as EnableKey on an Enabled key', () => {
    expect(node('Enabled')?.edges.map((e) => e.event)).not.toContain('key.enable');
    expect(keyMachine.root.states.Enabled?.config.on).toHaveProperty(['key.enable']);
  });

  it('marks only Enabled and Updating as usable, as the machine tags them', () => {
    expect(graph.filter((n) => n.usable).map((n) => n.state)).toEqual(['Enabled', 'Updating']);
    for (const n of graph) expect(n.usable).toBe(keyMachine.root.states[n.state]?.tags.includes('usable') ?? false);
  });

  it.each([...KEY_STATES])('draws the %s edges exactly as the machine configuration declares them', (state) => {
    expect(node(state)?.edges).toEqual(configuredEdges(state));
  });
});
