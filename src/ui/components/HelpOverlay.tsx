import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { KEYMAP, PANE_TITLES, type KeyBinding } from '../keymap.js';
import { useColor } from '../theme.js';

/** Below this width a binding's description goes on a line of its own, under its keys. */
const TWO_LINE_WIDTH = 100;

/**
 * The help overlay, built from the keymap; a scenario replay's keys come first in a replay.
 * When the bindings do not fit its height, ↑/↓ and PageUp/PageDown scroll them.
 */
export function HelpOverlay(props: { width: number; height: number; replay?: boolean }) {
  const color = useColor();
  const scopes = [...new Set(KEYMAP.map((b) => b.scope))].sort((a, b) => (props.replay ? Number(b === 'scenario') - Number(a === 'scenario') : 0));
  const lines: { text: string; heading?: boolean }[] = [];
  for (const scope of scopes) {
    lines.push({ text: scopeTitle(scope), heading: true });
    for (const b of KEYMAP.filter((x) => x.scope === scope)) {
      if (props.width >= TWO_LINE_WIDTH) lines.push({ text: `  ${b.keys.padEnd(34)} ${b.does}` });
      else lines.push({ text: `  ${b.keys}` }, { text: `      ${b.does}` });
    }
  }
  lines.push({ text: '' }, { text: 'Esc closes this help.' });
  const rows = Math.max(1, props.height - 3);
  const maxTop = Math.max(0, lines.length - rows);
  const [top, setTop] = useState(0);
  useInput((_input, key) => {
    if (key.upArrow) setTop((t) => Math.max(0, t - 1));
    if (key.downArrow) setTop((t) => Math.min(maxTop, t + 1));
    if (key.pageUp) setTop((t) => Math.max(0, t - rows));
    if (key.pageDown) setTop((t) => Math.min(maxTop, t + rows));
  });
  const shown = Math.min(top, maxTop);
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle="double" borderColor={color('cyan')} paddingX={1}>
      <Text bold color={color('cyan')} wrap="truncate">
        Key bindings{maxTop > 0 ? ` (${shown + 1}–${Math.min(lines.length, shown + rows)} of ${lines.length}; ↑/↓ PgUp/PgDn scroll, Esc close)` : ''}
      </Text>
      {lines.slice(shown, shown + rows).map((l, i) => (
        <Text key={i} wrap="truncate" bold={l.heading}>
          {l.text || ' '}
        </Text>
      ))}
    </Box>
  );
}

function scopeTitle(scope: KeyBinding['scope']): string {
  if (scope === 'global') return 'Everywhere';
  if (scope === 'console input') return 'Console input (while typing)';
  if (scope === 'scenario') return 'Scenario replay (outside the console input)';
  return PANE_TITLES[scope];
}
