import { useState } from 'react';
import type { Scenario, ScenarioPlayer } from '../engine/scenarios/contract.js';
import { createScenarioPlayer } from '../engine/scenarios/scenario-player.js';
import type { Sandbox } from '../sim/index.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { SandboxScreen } from './screens/SandboxScreen.js';
import { ScenarioListScreen } from './screens/ScenarioListScreen.js';
import { ColorContext } from './theme.js';

/** Where the TUI opens: home, free play, the scenario list, or one scenario (`scenario`). */
export type TuiStart = 'home' | 'sandbox' | 'scenarios' | 'scenario';

type Screen = { kind: 'home' } | { kind: 'sandbox' } | { kind: 'scenarios' } | { kind: 'scenario'; player: ScenarioPlayer; fromList: boolean };

/** A player at step 1: a scenario opens on its first step, already run. */
export function openScenario(scenario: Scenario): ScenarioPlayer {
  const player = createScenarioPlayer(scenario);
  player.next();
  return player;
}

/** The TUI: the home screen, the sandbox screen (free play or a scenario replay), the scenario list. */
export function App(props: { sandbox: Sandbox; start: TuiStart; color: boolean; scenarios?: readonly Scenario[]; scenario?: Scenario; guide?: string }) {
  const scenarios = props.scenarios ?? [];
  const [screen, setScreen] = useState<Screen>(() =>
    props.start === 'scenario' && props.scenario ? { kind: 'scenario', player: openScenario(props.scenario), fromList: false } : { kind: props.start === 'scenario' ? 'scenarios' : props.start },
  );
  const home = () => setScreen({ kind: 'home' });
  const list = () => setScreen({ kind: 'scenarios' });
  const open = (id: string) => {
    const scenario = scenarios.find((s) => s.id === id);
    if (scenario) setScreen({ kind: 'scenario', player: openScenario(scenario), fromList: true });
  };
  const body = () => {
    switch (screen.kind) {
      case 'home':
        return <HomeScreen scenarioCount={scenarios.length} onOpen={(id) => (id === 'scenarios' ? list() : setScreen({ kind: 'sandbox' }))} />;
      case 'sandbox':
        return <SandboxScreen sandbox={props.sandbox} {...(props.guide !== undefined ? { guide: props.guide } : {})} {...(props.start === 'home' ? { onBack: home } : {})} />;
      case 'scenarios':
        return <ScenarioListScreen scenarios={scenarios} onOpen={open} {...(props.start === 'home' ? { onBack: home } : {})} />;
      case 'scenario':
        return <SandboxScreen key={screen.player.scenario.id} player={screen.player} {...(screen.fromList ? { onBack: list } : {})} />;
    }
  };
  return <ColorContext.Provider value={props.color}>{body()}</ColorContext.Provider>;
}
