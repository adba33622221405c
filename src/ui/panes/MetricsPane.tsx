import { Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import type { Sandbox } from '../../sim/index.js';
import { Pane } from '../components/Pane.js';
import { sparkline } from '../sparkline.js';
import { STATE_COLORS, useColor } from '../theme.js';
import { countdown } from './KeysPane.js';
import { MetricsView, type OperationSeries } from './metrics-view.js';

/** Per-operation calls and errors as sparklines over virtual time, throttles, deletion countdowns. */
export const MetricsPane = memo(function MetricsPane(props: { sandbox: Sandbox; version: number; focused: boolean; width: number; height: number }) {
  const color = useColor();
  const view = useRef(new MetricsView()).current;
  view.update(props.sandbox.metrics.items);
  const now = props.sandbox.clock.nowMs;
  const inner = props.height - 2;
  // Deletion countdowns first (they are urgent), then the busiest operations, never more than fit.
  // `version` changes whenever the sandbox does: the keys are read again then.
  const deleting = useMemo(() => props.sandbox.keys().filter((k) => k.deletionDate), [props.sandbox, props.version]);
  const pending = deleting.slice(0, Math.min(3, inner));
  const operations = view.operations.slice(0, Math.max(0, inner - pending.length));
  // The sparklines get the room the longest count text leaves ("  120 calls 3 err 2 throttled").
  const counts = Math.max(12, ...operations.map((s) => countsText(s).length));
  const buckets = Math.max(4, props.width - 2 - 22 - counts);
  const start = view.firstCallMs ?? now - 60_000;
  const period = Math.max(1000, Math.ceil((now - start + 1) / buckets));
  return (
    <Pane title="Metrics" focused={props.focused} width={props.width} height={props.height} note={operations.length > 0 ? `${formatSpan(period * buckets)} of virtual time` : undefined}>
      {operations.length === 0 && pending.length === 0 ? <Text dimColor>Calls, errors and throttles per operation appear here.</Text> : null}
      {operations.map((s) => (
        <Text key={s.operation} wrap="truncate">
          {s.operation.padEnd(22).slice(0, 22)}
          <Text color={color('cyan')}>{sparkline(view.callCounts(s, now, period, buckets))}</Text>
          {` ${String(s.calls.length).padStart(5)} calls`}
          {s.errors.length > 0 ? <Text color={color('red')}>{` ${s.errors.length} err`}</Text> : null}
          {s.throttles > 0 ? <Text color={color('yellow')}>{` ${s.throttles} throttled`}</Text> : null}
        </Text>
      ))}
      {pending.map((k) => (
        <Text key={k.keyId} wrap="truncate" color={color(STATE_COLORS.PendingDeletion ?? 'red')}>
          {k.keyId.slice(0, 8)}… {k.aliases[0] ?? ''} deleted in {countdown((k.deletionDate?.getTime() ?? now) - now)}
        </Text>
      ))}
    </Pane>
  );
});

function countsText(s: OperationSeries): string {
  return ` ${String(s.calls.length).padStart(5)} calls${s.errors.length > 0 ? ` ${s.errors.length} err` : ''}${s.throttles > 0 ? ` ${s.throttles} throttled` : ''}`;
}

function formatSpan(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
}
