import { Box, Text } from 'ink';
import { KEYMAP, PANE_TITLES, type KeyBinding } from '../keymap.js';
import { useColor } from '../theme.js';

/** The help overlay, built from the keymap; a scenario replay's keys come first in a replay. */
export function HelpOverlay(props: { width: number; height: number; replay?: boolean }) {
  const color = useColor();
  const scopes = [...new Set(KEYMAP.map((b) => b.scope))].sort((a, b) => (props.replay ? Number(b === 'scenario') - Number(a === 'scenario') : 0));
  const lines: { text: string; heading?: boolean }[] = [];
  for (const scope of scopes) {
    lines.push({ text: scopeTitle(scope), heading: true });
    for (const b of KEYMAP.filter((x) => x.scope === scope)) lines.push({ text: `  ${b.keys.padEnd(34)} ${b.does}` });
  }
  lines.push({ text: '' }, { text: 'Esc closes this help.' });
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle="double" borderColor={color('cyan')} paddingX={1}>
      <Text bold color={color('cyan')}>
        Key bindings
      </Text>
      {lines.slice(0, props.height - 3).map((l, i) => (
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
