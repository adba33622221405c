import { useState } from 'react';
import type { Sandbox } from '../sim/index.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { SandboxScreen } from './screens/SandboxScreen.js';
import { ColorContext } from './theme.js';

/** The TUI: the home screen or the sandbox screen. */
export function App(props: { sandbox: Sandbox; start: 'home' | 'sandbox'; color: boolean }) {
  const [screen, setScreen] = useState(props.start);
  return (
    <ColorContext.Provider value={props.color}>
      {screen === 'home' ? (
        <HomeScreen onOpen={() => setScreen('sandbox')} />
      ) : (
        <SandboxScreen sandbox={props.sandbox} onBack={props.start === 'home' ? () => setScreen('home') : undefined} />
      )}
    </ColorContext.Provider>
  );
}
