import { Box, Text, useApp, useInput } from 'ink';
import { useState } from 'react';
import { useColor } from '../theme.js';

/** An entry of the home menu; `ready` false shows it as not available yet. */
export interface HomeEntry {
  readonly id: 'lessons' | 'scenarios' | 'exam' | 'sandbox';
  readonly title: string;
  readonly summary: string;
  readonly ready: boolean;
}

/**
 * The home menu. Lessons and the exam are listed honestly as not built yet; scenarios are ready
 * once there are any (`scenarioCount`).
 */
export function homeEntries(scenarioCount = 0): readonly HomeEntry[] {
  return [
    { id: 'lessons', title: 'Lessons', summary: 'Guided lessons with checkpoints', ready: false },
    { id: 'scenarios', title: 'Scenarios', summary: scenarioCount > 0 ? `Replays of scripted KMS scenarios (${scenarioCount})` : 'Replays of scripted KMS scenarios', ready: scenarioCount > 0 },
    { id: 'exam', title: 'Exam', summary: 'Exam-style questions and hands-on exercises', ready: false },
    { id: 'sandbox', title: 'Free sandbox', summary: 'Everything KMS, in free play', ready: true },
  ];
}

/** The home menu without scenarios. */
export const HOME_ENTRIES: readonly HomeEntry[] = homeEntries(0);

/** The home screen: ↑/↓ to choose, Enter to open, q to quit. */
export function HomeScreen(props: { onOpen: (id: HomeEntry['id']) => void; scenarioCount?: number }) {
  const { exit } = useApp();
  const color = useColor();
  const HOME_ENTRIES = homeEntries(props.scenarioCount);
  const [selected, setSelected] = useState(HOME_ENTRIES.length - 1);
  const [message, setMessage] = useState<string | undefined>(undefined);
  useInput((input, key) => {
    if (key.upArrow) setSelected((s) => Math.max(0, s - 1));
    else if (key.downArrow) setSelected((s) => Math.min(HOME_ENTRIES.length - 1, s + 1));
    else if (key.return) {
      const entry = HOME_ENTRIES[selected];
      if (entry?.ready) props.onOpen(entry.id);
      else if (entry) {
        const [is, they] = entry.id === 'exam' ? ['is', 'it is'] : ['are', 'they are'];
        setMessage(`${entry.title} ${is} not available yet: ${they} still to be built. The free sandbox is ready.`);
      }
    } else if (input === 'q' || key.escape) exit();
  });
  return (
    <Box flexDirection="column" paddingX={2} paddingY={1}>
      <Text bold color={color('cyan')}>
        kms-sandbox
      </Text>
      <Text dimColor>Learn AWS KMS by watching it work: real crypto, Region-scoped HSMs, a virtual clock.</Text>
      <Box flexDirection="column" marginY={1}>
        {HOME_ENTRIES.map((e, i) => (
          <Text key={e.id} inverse={i === selected} dimColor={!e.ready && i !== selected}>
            {i === selected ? '›' : ' '} {e.title.padEnd(14)} {e.summary}
            {e.ready ? '' : '  (not available yet)'}
          </Text>
        ))}
      </Box>
      {message ? <Text color={color('yellow')}>{message}</Text> : null}
      <Text dimColor>↑/↓ choose · Enter open · q quit</Text>
    </Box>
  );
}
