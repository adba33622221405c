/**
 * The baseline of the TUI benchmark (bench/tui.ts): the smallest interactive Ink app. It draws
 * `ready` and listens to the keyboard (raw mode, as the sandbox screen does) until Ctrl-C.
 */
import { render, Text, useInput } from 'ink';

function Ready() {
  useInput(() => undefined);
  return <Text>ready</Text>;
}

render(<Ready />);
