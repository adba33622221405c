import { Text, useInput } from 'ink';
import { memo, useContext, useMemo, useState, useSyncExternalStore } from 'react';
import { Pane } from '../components/Pane.js';
import { markdownVersion, renderMarkdown, subscribeMarkdown } from '../markdown.js';
import { ColorContext } from '../theme.js';

/**
 * The Guide: Markdown narration (a welcome and a tour in free play; a scenario's steps in a
 * replay). `header` is a line kept above the scrolled text (a scenario's progress bar).
 */
export const GuidePane = memo(function GuidePane(props: { markdown: string; focused: boolean; width: number; height: number; header?: string }) {
  const color = useContext(ColorContext);
  // Drawn again, styled, when the Markdown renderer arrives (it loads after the first frame).
  const rendererVersion = useSyncExternalStore(subscribeMarkdown, markdownVersion);
  const lines = useMemo(
    () => renderMarkdown(props.markdown, Math.max(20, props.width - 4), color).split('\n'),
    [props.markdown, props.width, color, rendererVersion],
  );
  // A pane one line high (stacked, unfocused) keeps the header: the replay's place, an exercise's goals.
  const rows = Math.max(props.header === undefined ? 1 : 0, props.height - 2 - (props.header === undefined ? 0 : 1));
  const [top, setTop] = useState(0);
  const maxTop = Math.max(0, lines.length - rows);
  useInput(
    (_input, key) => {
      if (key.upArrow) setTop((t) => Math.max(0, t - 1));
      if (key.downArrow) setTop((t) => Math.min(maxTop, t + 1));
      if (key.pageUp) setTop((t) => Math.max(0, t - rows));
      if (key.pageDown) setTop((t) => Math.min(maxTop, t + rows));
    },
    { isActive: props.focused },
  );
  const from = Math.min(top, maxTop);
  return (
    <Pane title="Guide" focused={props.focused} width={props.width} height={props.height} note={rows > 0 && lines.length > rows ? `${from + 1}–${Math.min(lines.length, from + rows)}/${lines.length}` : undefined}>
      {props.header === undefined ? null : (
        <Text wrap="truncate" bold>
          {props.header}
        </Text>
      )}
      {lines.slice(from, from + rows).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l || ' '}
        </Text>
      ))}
    </Pane>
  );
});
