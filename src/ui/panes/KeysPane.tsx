import { Box, Text, useInput } from 'ink';
import { memo, useMemo, useState } from 'react';
import type { KeyView, Sandbox } from '../../sim/index.js';
import { Pane } from '../components/Pane.js';
import { fit } from '../fit.js';
import { lifecycleGraph } from '../lifecycle-graph.js';
import { STATE_COLORS, useColor } from '../theme.js';

const GRAPH = lifecycleGraph();

/** Keys per Region with state badges; the selected key's lifecycle, aliases and material versions. */
export const KeysPane = memo(function KeysPane(props: { sandbox: Sandbox; version: number; focused: boolean; width: number; height: number }) {
  const color = useColor();
  // `version` changes whenever the sandbox does: the keys are read again then.
  const keys = useMemo(() => props.sandbox.keys(), [props.sandbox, props.version]);
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, Math.max(0, keys.length - 1));

  useInput(
    (_input, key) => {
      if (key.upArrow) setSelected(Math.max(0, index - 1));
      if (key.downArrow) setSelected(Math.min(keys.length - 1, index + 1));
    },
    { isActive: props.focused },
  );

  const inner = props.height - 2;
  const columns = props.width - 2;
  const listRows = Math.max(Math.min(2, inner), Math.min(keys.length + regionCount(keys), Math.ceil(inner / 2)));
  const key = keys[index];
  const rows = listRowsFor(keys, index, listRows);
  return (
    <Pane title="Keys" focused={props.focused} width={props.width} height={props.height} note={keys.length > 0 ? `${keys.length}` : undefined}>
      {keys.length === 0 ? <Text dimColor>No keys yet. Try: kms create-key --description demo</Text> : null}
      {rows.map((row, i) =>
        row.kind === 'region' ? (
          <Text key={`r${i}`} bold wrap="truncate">
            {row.region}
          </Text>
        ) : (
          <Text key={row.key.keyId} wrap="truncate" inverse={row.selected && props.focused}>
            {row.selected ? '›' : ' '} <Text color={color(STATE_COLORS[row.key.state] ?? 'white')}>● {row.key.state.padEnd(16)}</Text>
            {fit(`${row.key.keyId.slice(0, 8)}… ${row.key.aliases.join(' ')}`, columns - 20)}
          </Text>
        ),
      )}
      {key ? <KeyDetails keyView={key} now={props.sandbox.clock.now()} rows={inner - rows.length} columns={columns} /> : null}
    </Pane>
  );
});

function KeyDetails(props: { keyView: KeyView; now: Date; rows: number; columns: number }) {
  const color = useColor();
  const k = props.keyView;
  const now = props.now.getTime();
  const lines: { text: string; lit?: boolean; dim?: boolean }[] = [
    { text: `${k.arn}`, dim: true },
    { text: `Created ${day(k.creationDate)} · ${k.keySpec} · ${k.keyUsage} · ${k.keyManager === 'AWS' ? 'AWS managed' : 'customer managed'} · ${k.origin}` },
  ];
  if (k.multiRegion) {
    const m = k.multiRegion;
    lines.push({
      text: m.type === 'PRIMARY'
        ? `Multi-Region primary · replicas: ${m.replicaRegions.length > 0 ? m.replicaRegions.join(', ') : '(none yet)'}`
        : `Multi-Region replica · primary in ${m.primaryRegion}`,
    });
  }
  if (k.deletionDate) lines.push({ text: `Deletion ${day(k.deletionDate)} (in ${countdown(k.deletionDate.getTime() - now)})` });
  lines.push({ text: `Aliases: ${k.aliases.length > 0 ? k.aliases.join(', ') : '(none)'}` });
  lines.push({
    text: k.rotation
      ? `Rotation: every ${k.rotation.periodDays} days, next ${k.rotation.nextRotationDate ? `${day(k.rotation.nextRotationDate)} (in ${countdown(k.rotation.nextRotationDate.getTime() - now)})` : 'due now'} · on demand ${k.onDemandRotations}/25`
      : `Rotation: off · on demand ${k.onDemandRotations}/25`,
  });
  lines.push({ text: `Key material (${k.materials.length}):` });
  for (const m of [...k.materials].reverse()) {
    const how = m.rotationType ? ` ${m.rotationType.toLowerCase()} ${m.rotationDate ? day(m.rotationDate) : ''}` : '';
    const imported = m.importState ? ` ${m.importState}` : '';
    const expiry = m.validTo ? ` expires ${day(m.validTo)} (in ${countdown(m.validTo.getTime() - now)})` : '';
    lines.push({ text: `  ${m.keyMaterialId.slice(0, 8)}… ${m.state}${how}${imported}${expiry}` });
  }
  lines.push({ text: 'Lifecycle (from the key machine):', dim: true });
  for (const node of GRAPH) {
    const edges = node.edges.map((e) => `${e.event.replace(/^key\./, '')}→${e.targets.map((t) => t.state).join('|')}`).join('  ');
    lines.push({ text: `${node.state === k.state ? '●' : '○'} ${node.state.padEnd(22)} ${edges}`, lit: node.state === k.state });
  }
  return (
    <Box flexDirection="column" marginTop={0}>
      {lines.slice(0, Math.max(0, props.rows)).map((l, i) => (
        <Text key={i} wrap="truncate" dimColor={l.dim} bold={l.lit} color={l.lit ? color(STATE_COLORS[k.state] ?? 'white') : undefined} inverse={l.lit}>
          {fit(l.text, props.columns)}
        </Text>
      ))}
    </Box>
  );
}

type Row = { kind: 'region'; region: string } | { kind: 'key'; key: KeyView; selected: boolean };

function listRowsFor(keys: readonly KeyView[], selected: number, rows: number): Row[] {
  const all: Row[] = [];
  let region = '';
  keys.forEach((key, i) => {
    if (key.region !== region) all.push({ kind: 'region', region: (region = key.region) });
    all.push({ kind: 'key', key, selected: i === selected });
  });
  const at = all.findIndex((r) => r.kind === 'key' && r.selected);
  const start = Math.max(0, Math.min(at - Math.floor(rows / 2), all.length - rows));
  return all.slice(start, start + rows);
}

function regionCount(keys: readonly KeyView[]): number {
  return new Set(keys.map((k) => k.region)).size;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A countdown such as `6d 23h` or `4h 10m` or `35s`. */
export function countdown(ms: number): string {
  if (ms <= 0) return 'now';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  return m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}
