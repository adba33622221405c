import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useColor } from '../theme.js';

/**
 * A bordered pane with its title in the top border (`┌─ Title ─…┐`); the focused pane's border
 * is doubled and lit. The top edge is drawn as text so the title can sit in it.
 */
export function Pane(props: { title: string; focused: boolean; width: number; height: number; children: ReactNode; note?: string }) {
  const color = useColor();
  const borderColor = props.focused ? color('cyan') : color('gray');
  const [left, fill, right] = props.focused ? ['╔', '═', '╗'] : ['┌', '─', '┐'];
  const label = ` ${props.title} `;
  const note = props.note ? ` ${props.note} ` : '';
  const room = Math.max(0, props.width - 3 - label.length - note.length);
  return (
    <Box flexDirection="column" width={props.width} height={props.height}>
      <Text wrap="truncate">
        <Text color={borderColor}>{`${left}${fill}`}</Text>
        <Text bold={props.focused} color={props.focused ? color('cyan') : undefined}>
          {label}
        </Text>
        <Text color={borderColor}>{fill.repeat(room)}</Text>
        <Text dimColor>{note}</Text>
        <Text color={borderColor}>{right}</Text>
      </Text>
      {/* Keyed by focus: Ink applies only the changed style props, so switching borderStyle on a
          mounted Box brings back its top border (borderTop is unchanged and left out) and pushes
          the content down a row. A fresh Box gets every border prop.
          Clipped vertically only: text is cut or wrapped to the pane's width by Ink already, and
          a horizontal clip re-slices every line of the pane on every frame (slice-ansi). */}
      <Box
        key={props.focused ? 'focused' : 'unfocused'}
        flexDirection="column"
        width={props.width}
        height={props.height - 1}
        borderStyle={props.focused ? 'double' : 'single'}
        borderTop={false}
        borderColor={borderColor}
        overflowY="hidden"
      >
        {props.children}
      </Box>
    </Box>
  );
}
