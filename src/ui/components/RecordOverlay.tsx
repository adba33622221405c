import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import type { AuditRecord } from '../../sim/index.js';
import { useColor } from '../theme.js';

/** One audit record as JSON, scrollable; Esc closes it. */
export function RecordOverlay(props: { record: AuditRecord; width: number; height: number }) {
  const color = useColor();
  const lines = JSON.stringify(props.record, null, 2).split('\n');
  const rows = Math.max(1, props.height - 3);
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, lines.length - rows);
  useInput((_input, key) => {
    if (key.upArrow) setTop((t) => Math.max(0, t - 1));
    if (key.downArrow) setTop((t) => Math.min(maxTop, t + 1));
    if (key.pageUp) setTop((t) => Math.max(0, t - rows));
    if (key.pageDown) setTop((t) => Math.min(maxTop, t + rows));
  });
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle="double" borderColor={color('cyan')} paddingX={1}>
      <Text bold color={color('cyan')} wrap="truncate">
        {props.record.eventName} · {props.record.eventTime} · {props.record.awsRegion} (↑/↓ scroll, Esc close)
      </Text>
      {lines.slice(top, top + rows).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Box>
  );
}
