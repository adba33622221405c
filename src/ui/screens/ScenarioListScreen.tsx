import { Box, Text, useApp, useInput } from 'ink';
import { useState } from 'react';
import type { Scenario } from '../../engine/scenarios/contract.js';
import { fit } from '../fit.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useColor } from '../theme.js';

/** The scenarios, ids and titles: ↑/↓ to choose, Enter to play one, Esc back, q quit. */
export function ScenarioListScreen(props: { scenarios: readonly Pick<Scenario, 'id' | 'title' | 'summary'>[]; onOpen: (id: string) => void; onBack?: () => void }) {
  const { exit } = useApp();
  const color = useColor();
  const { columns } = useTerminalSize();
  const [selected, setSelected] = useState(0);
  const idWidth = Math.max(4, ...props.scenarios.map((s) => s.id.length));
  useInput((input, key) => {
    if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
    else if (key.downArrow) setSelected((s) => Math.min(props.scenarios.length - 1, s + 1));
    else if (key.return) {
      const scenario = props.scenarios[selected];
      if (scenario) props.onOpen(scenario.id);
    } else if (key.escape) props.onBack?.();
    else if (input === 'q') exit();
  });
  const chosen = props.scenarios[selected];
  return (
    <Box flexDirection="column" paddingX={2} paddingY={1}>
      <Text bold color={color('cyan')}>
        Scenarios
      </Text>
      <Text dimColor>Scripted stories, replayed step by step with live Keys, Audit and Metrics. Take over the console at any step.</Text>
      <Box flexDirection="column" marginY={1}>
        {props.scenarios.length === 0 ? <Text color={color('yellow')}>No scenarios found.</Text> : null}
        {props.scenarios.map((s, i) => (
          <Text key={s.id} inverse={i === selected} wrap="truncate">
            {i === selected ? '›' : ' '} {s.id.padEnd(idWidth)}  {fit(s.title, Math.max(10, columns - idWidth - 10))}
          </Text>
        ))}
      </Box>
      {chosen ? <Text wrap="wrap">{chosen.summary.trim()}</Text> : null}
      <Text dimColor>↑/↓ choose · Enter play · {props.onBack ? 'Esc back · ' : ''}q quit</Text>
    </Box>
  );
}
