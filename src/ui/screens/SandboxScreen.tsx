import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ConsoleSession, type ConsoleResult } from '../../engine/console/console-session.js';
import type { ScenarioPlayer } from '../../engine/scenarios/contract.js';
import type { AuditRecord, Sandbox } from '../../sim/index.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { RecordOverlay } from '../components/RecordOverlay.js';
import { StatusBar } from '../components/StatusBar.js';
import { FREE_PLAY_GUIDE } from '../guide-text.js';
import { realSchedule, usePlayerVersion, type Schedule } from '../hooks/use-player.js';
import { useSandboxVersion } from '../hooks/use-sandbox-version.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { hintsFor, PANE_ORDER, scenarioHints, type PaneId } from '../keymap.js';
import { layoutFor, MIN_COLUMNS, MIN_ROWS, STACK_BELOW_COLUMNS } from '../layout.js';
import { AuditPane } from '../panes/AuditPane.js';
import { ConsolePane, type ScriptedLine } from '../panes/ConsolePane.js';
import { GuidePane } from '../panes/GuidePane.js';
import { KeysPane } from '../panes/KeysPane.js';
import { MetricsPane } from '../panes/MetricsPane.js';
import { exerciseGuide, exerciseLine, exerciseStatus, NORMAL_SPEED, plainTask, progressLine, scenarioGuide, scenarioStatus, SPEEDS, STEP_MS } from '../scenario-view.js';

type Overlay = { kind: 'help' } | { kind: 'record'; record: AuditRecord } | undefined;

/** Free play over a sandbox, or a scenario replay over a player's session and sandbox. */
export type SandboxScreenProps = {
  onBack?: () => void;
  guide?: string;
  /** Playback's timer (a replay's auto-advance); setTimeout unless a test passes its own. */
  schedule?: Schedule;
} & ({ sandbox: Sandbox; player?: undefined } | { player: ScenarioPlayer; sandbox?: undefined });

/** Tells sessions apart: the console pane is remounted when a replay starts a new one. */
const sessionIds = new WeakMap<ConsoleSession, number>();
let nextSessionId = 0;
function sessionId(session: ConsoleSession): number {
  let id = sessionIds.get(session);
  if (id === undefined) sessionIds.set(session, (id = nextSessionId += 1));
  return id;
}

/**
 * The sandbox screen: Guide, Console, Keys, Audit and Metrics panes and a status bar. With a
 * player it is a scenario replay: the Guide shows the step, its command and outcome, and the
 * goals at the end; the other panes are live over the player's session and sandbox (a new one
 * after back and restart); Space, →/n, ←/b, +/- and r drive the player. In an exercise, x starts
 * exercise mode: the start state again, the console the learner's, the Guide the task, goals and
 * hints (h shows the next).
 */
export function SandboxScreen(props: SandboxScreenProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const player = props.player;
  const playerVersion = usePlayerVersion(player);
  const freeSession = useMemo(() => (props.sandbox ? new ConsoleSession(props.sandbox) : undefined), [props.sandbox]);
  const session = player?.session ?? (freeSession as ConsoleSession);
  const sandbox = session.sandbox;
  const version = useSandboxVersion(sandbox);
  const [focus, setFocus] = useState<PaneId>(player ? 'guide' : 'console');
  const [editing, setEditing] = useState(!player);
  const [auditTyping, setAuditTyping] = useState(false);
  const [overlay, setOverlay] = useState<Overlay>(undefined);
  const [, setRegion] = useState(session.region); // re-renders the status bar; the console changes it
  const [playing, setPlaying] = useState(false);
  const [speedAt, setSpeedAt] = useState(NORMAL_SPEED);
  const [moves, setMoves] = useState(0); // a control was used: re-render even if the player says nothing
  const typing = (focus === 'console' && editing) || (focus === 'audit' && auditTyping);
  // Stable callbacks: the panes are memoised, and a pane whose props did not change is not
  // rendered again (new calls re-render Keys, Audit and Metrics; Guide and Console stay).
  const startEditing = useCallback(() => setEditing(true), []);
  const leaveEditing = useCallback(() => setEditing(false), []);
  const openRecord = useCallback((record: AuditRecord) => setOverlay({ kind: 'record', record }), []);
  // The learner's own commands since the player last moved (back to none when it moves): in an
  // exercise they make the Guide show the goals, and each re-checks them.
  const [ownCommands, setOwnCommands] = useState({ count: 0, playerVersion: -1 });
  const currentPlayerVersion = useRef(playerVersion);
  currentPlayerVersion.current = playerVersion;
  const commandRan = useCallback((result: ConsoleResult | undefined) => {
    setPlaying(false);
    // Help, an empty line or a malformed one change nothing a goal could see.
    if (result?.kind === 'call' || result?.kind === 'verb') setOwnCommands((c) => ({ count: c.count + 1, playerVersion: currentPlayerVersion.current }));
  }, []);
  // Exercise mode (x): the player back at its start state in a new session, which the learner
  // solves; it lasts until the script moves (→, ←, r, Space). `hints`: how many the Guide shows.
  const [exercise, setExercise] = useState<{ session: ConsoleSession; hints: number } | undefined>(undefined);
  const trying = player !== undefined && exercise?.session === player.session && player.position === 0;
  const speed = SPEEDS[speedAt] ?? 1;
  const schedule = props.schedule ?? realSchedule;

  // The learner takes over: typing in the console pauses the script (→ goes on with it later).
  useEffect(() => {
    if (focus === 'console' && editing) setPlaying(false);
  }, [focus, editing]);
  // Playing: one step every STEP_MS at 1×, rescheduled after every move; stops at the end.
  useEffect(() => {
    if (!player || !playing) return;
    if (player.done) {
      setPlaying(false);
      return;
    }
    return schedule(() => {
      player.next();
      setMoves((m) => m + 1);
    }, STEP_MS / speed);
  }, [player, playing, speed, schedule, playerVersion, moves]);

  const control = (input: string, key: { leftArrow: boolean; rightArrow: boolean; return: boolean }): boolean => {
    if (!player) return false;
    const move = (act: () => void) => {
      act();
      setMoves((m) => m + 1);
    };
    if (input === ' ') setPlaying((p) => !p && !player.done);
    else if (key.rightArrow || input === 'n') move(() => player.next());
    else if (key.leftArrow || input === 'b') {
      setPlaying(false);
      move(() => player.back());
    } else if (input === '+' || input === '=') setSpeedAt((i) => Math.min(SPEEDS.length - 1, i + 1));
    else if (input === '-' || input === '_') setSpeedAt((i) => Math.max(0, i - 1));
    else if (input === 'i' || (key.return && focus === 'guide')) {
      setFocus('console'); // taking over: the effect above pauses
      setEditing(true);
    } else if (input === 'r') {
      setPlaying(false);
      move(() => {
        player.restart();
        player.next();
      });
    } else if (input === 'x' && player.scenario.exercise) {
      setPlaying(false);
      move(() => player.restart());
      setExercise({ session: player.session, hints: 0 });
      setFocus('console');
      setEditing(true);
    } else if (input === 'h' && trying) setExercise((e) => e && { ...e, hints: Math.min(player.scenario.hints.length, e.hints + 1) });
    else return false;
    return true;
  };

  useInput((input, key) => {
    if (overlay) {
      if (key.escape || (overlay.kind === 'help' && input === '?')) setOverlay(undefined);
      return;
    }
    if (typing) return; // the focused pane's input has the keys; Esc leaves it first
    if (control(input, key)) return;
    if (key.tab) {
      const step = key.shift ? -1 : 1;
      const next = PANE_ORDER[(PANE_ORDER.indexOf(focus) + step + PANE_ORDER.length) % PANE_ORDER.length] ?? 'console';
      setFocus(next);
      if (next === 'console') setEditing(true);
    } else if (input === '?') setOverlay({ kind: 'help' });
    else if (input === 'q') exit();
    else if (key.escape) props.onBack?.();
  });

  // The Guide's text and the console's scripted lines follow the player (and are read again
  // after each move); the goals are checked once the script is done, in exercise mode, and in an
  // exercise as soon as the learner has taken over, then again after each of the learner's commands.
  const position = player?.position ?? 0;
  const results = player?.results;
  const learnerPlayed = ownCommands.playerVersion === playerVersion;
  const showGoals = player !== undefined && (trying || player.done || (learnerPlayed && player.scenario.exercise !== undefined));
  // Checked only when these change: a goal's command runs a call (off the trail, but a call).
  const goals = useMemo(() => (player && showGoals ? player.checkGoals() : undefined), [player, playerVersion, position, showGoals, ownCommands.count]);
  const hintsShown = exercise?.hints ?? 0;
  const guide = useMemo(
    () => (!player ? undefined : trying ? exerciseGuide(player, goals ?? [], hintsShown) : scenarioGuide(player, goals, { goalsFirst: learnerPlayed })),
    [player, playerVersion, position, trying, goals, hintsShown, learnerPlayed],
  );
  const script = useMemo<readonly ScriptedLine[] | undefined>(
    () => results?.flatMap((r) => (r.step.command === undefined ? [] : [{ command: r.step.command, result: r.result, label: `step ${r.index + 1}` }])),
    [results, results?.length, playerVersion, moves],
  );
  const sid = sessionId(session);

  const layout = layoutFor(columns, rows, focus);
  if (layout.kind === 'tooSmall')
    return (
      <Text>
        kms-sandbox needs a terminal of at least {MIN_COLUMNS}×{MIN_ROWS}; this one is {layout.columns}×{layout.rows}. Enlarge it, or press q to quit.
      </Text>
    );

  const scope = overlay ? 'global' : typing && focus === 'console' ? 'console input' : focus;
  const compact = columns < STACK_BELOW_COLUMNS;
  const status = (
    <StatusBar
      sandbox={sandbox}
      version={version}
      region={session.region}
      principal={principalName(session.principal.arn)}
      hints={overlay ? 'Esc close' : player ? scenarioHints(scope, trying ? 'trying' : player.scenario.exercise ? 'offered' : undefined) : hintsFor(scope)}
      width={columns}
      {...(player ? { scenario: trying ? exerciseStatus(player.scenario.id, goals ?? [], compact) : scenarioStatus(player, playing, speed, compact) } : {})}
    />
  );
  if (overlay) {
    const body = overlay.kind === 'help' ? <HelpOverlay width={columns} height={rows - 1} replay={player !== undefined} /> : <RecordOverlay record={overlay.record} width={columns} height={rows - 1} />;
    return (
      <Box flexDirection="column" width={columns} height={rows}>
        {body}
        {status}
      </Box>
    );
  }

  const box = (id: PaneId): ReactNode => {
    const { width, height } = layout.panes[id];
    const focused = focus === id;
    switch (id) {
      case 'guide':
        return player ? (
          <GuidePane
            key={`${id}-${sid}-${position}`}
            markdown={guide ?? ''}
            header={trying ? exerciseLine(goals ?? [], Math.max(5, width - 40)) : progressLine(player, Math.max(5, width - (player.scenario.exercise ? 44 : 24)))}
            focused={focused}
            width={width}
            height={height}
          />
        ) : (
          <GuidePane key={id} markdown={props.guide ?? FREE_PLAY_GUIDE} focused={focused} width={width} height={height} />
        );
      case 'console':
        return (
          <ConsolePane
            key={`${id}-${sid}`}
            session={session}
            focused={focused}
            editing={editing}
            width={width}
            height={height}
            onStartEditing={startEditing}
            onLeaveEditing={leaveEditing}
            onRegion={setRegion}
            {...(player ? { onCommand: commandRan, script } : {})}
            {...(trying ? { intro: `Exercise — ${plainTask(player.scenario)} (Goals and hints: the Guide.)` } : {})}
          />
        );
      case 'keys':
        return <KeysPane key={`${id}-${sid}`} sandbox={sandbox} version={version} focused={focused} width={width} height={height} />;
      case 'audit':
        return <AuditPane key={`${id}-${sid}`} sandbox={sandbox} version={version} focused={focused} width={width} height={height} onOpen={openRecord} onTyping={setAuditTyping} />;
      case 'metrics':
        return <MetricsPane key={`${id}-${sid}`} sandbox={sandbox} version={version} focused={focused} width={width} height={height} />;
    }
  };

  const column = (n: 0 | 1) => layout.order.filter((id) => layout.panes[id].column === n).map(box);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {layout.kind === 'columns' ? (
        <Box flexDirection="row" height={rows - 1}>
          <Box flexDirection="column">{column(0)}</Box>
          <Box flexDirection="column">{column(1)}</Box>
        </Box>
      ) : (
        <Box flexDirection="column" height={rows - 1}>
          {column(0)}
        </Box>
      )}
      {status}
    </Box>
  );
}

function principalName(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
