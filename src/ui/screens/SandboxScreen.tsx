import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { ConsoleSession } from '../../engine/console/console-session.js';
import type { AuditRecord, Sandbox } from '../../sim/index.js';
import { HelpOverlay } from '../components/HelpOverlay.js';
import { RecordOverlay } from '../components/RecordOverlay.js';
import { StatusBar } from '../components/StatusBar.js';
import { FREE_PLAY_GUIDE } from '../guide-text.js';
import { useSandboxVersion } from '../hooks/use-sandbox-version.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { hintsFor, PANE_ORDER, type PaneId } from '../keymap.js';
import { layoutFor, MIN_COLUMNS, MIN_ROWS } from '../layout.js';
import { AuditPane } from '../panes/AuditPane.js';
import { ConsolePane } from '../panes/ConsolePane.js';
import { GuidePane } from '../panes/GuidePane.js';
import { KeysPane } from '../panes/KeysPane.js';
import { MetricsPane } from '../panes/MetricsPane.js';

type Overlay = { kind: 'help' } | { kind: 'record'; record: AuditRecord } | undefined;

/** The sandbox screen: Guide, Console, Keys, Audit and Metrics panes and a status bar. */
export function SandboxScreen(props: { sandbox: Sandbox; onBack?: () => void; guide?: string }) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const version = useSandboxVersion(props.sandbox);
  const session = useMemo(() => new ConsoleSession(props.sandbox), [props.sandbox]);
  const [focus, setFocus] = useState<PaneId>('console');
  const [editing, setEditing] = useState(true);
  const [auditTyping, setAuditTyping] = useState(false);
  const [overlay, setOverlay] = useState<Overlay>(undefined);
  const [region, setRegion] = useState(session.region); // for the status bar; the console changes it
  const typing = (focus === 'console' && editing) || (focus === 'audit' && auditTyping);
  // Stable callbacks: the panes are memoised, and a pane whose props did not change is not
  // rendered again (new calls re-render Keys, Audit and Metrics; Guide and Console stay).
  const startEditing = useCallback(() => setEditing(true), []);
  const leaveEditing = useCallback(() => setEditing(false), []);
  const openRecord = useCallback((record: AuditRecord) => setOverlay({ kind: 'record', record }), []);

  useInput((input, key) => {
    if (overlay) {
      if (key.escape || (overlay.kind === 'help' && input === '?')) setOverlay(undefined);
      return;
    }
    if (typing) return; // the focused pane's input has the keys; Esc leaves it first
    if (key.tab) {
      const step = key.shift ? -1 : 1;
      const next = PANE_ORDER[(PANE_ORDER.indexOf(focus) + step + PANE_ORDER.length) % PANE_ORDER.length] ?? 'console';
      setFocus(next);
      if (next === 'console') setEditing(true);
    } else if (input === '?') setOverlay({ kind: 'help' });
    else if (input === 'q') exit();
    else if (key.escape) props.onBack?.();
  });

  const layout = layoutFor(columns, rows, focus);
  if (layout.kind === 'tooSmall')
    return (
      <Text>
        kms-sandbox needs a terminal of at least {MIN_COLUMNS}×{MIN_ROWS}; this one is {layout.columns}×{layout.rows}. Enlarge it, or press q to quit.
      </Text>
    );

  const scope = overlay ? 'global' : typing && focus === 'console' ? 'console input' : focus;
  const status = (
    <StatusBar sandbox={props.sandbox} version={version} region={region} principal={principalName(session.principal.arn)} hints={overlay ? 'Esc close' : hintsFor(scope)} width={columns} />
  );
  if (overlay) {
    const body = overlay.kind === 'help' ? <HelpOverlay width={columns} height={rows - 1} /> : <RecordOverlay record={overlay.record} width={columns} height={rows - 1} />;
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
        return <GuidePane key={id} markdown={props.guide ?? FREE_PLAY_GUIDE} focused={focused} width={width} height={height} />;
      case 'console':
        return (
          <ConsolePane key={id} session={session} focused={focused} editing={editing} width={width} height={height} onStartEditing={startEditing} onLeaveEditing={leaveEditing} onRegion={setRegion} />
        );
      case 'keys':
        return <KeysPane key={id} sandbox={props.sandbox} version={version} focused={focused} width={width} height={height} />;
      case 'audit':
        return <AuditPane key={id} sandbox={props.sandbox} version={version} focused={focused} width={width} height={height} onOpen={openRecord} onTyping={setAuditTyping} />;
      case 'metrics':
        return <MetricsPane key={id} sandbox={props.sandbox} version={version} focused={focused} width={width} height={height} />;
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
