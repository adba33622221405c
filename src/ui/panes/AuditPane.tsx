import { Box, Text, useInput } from 'ink';
import { memo, useRef, useState } from 'react';
import { auditedKeyArn, type AuditRecord, type Sandbox } from '../../sim/index.js';
import { Pane } from '../components/Pane.js';
import { useColor } from '../theme.js';
import { AuditView } from './audit-view.js';

/** The live audit trail, newest first: a virtualised, filterable list; Enter opens a record. */
export const AuditPane = memo(function AuditPane(props: {
  sandbox: Sandbox;
  version: number;
  focused: boolean;
  width: number;
  height: number;
  onOpen: (record: AuditRecord) => void;
  onTyping: (typing: boolean) => void;
}) {
  const color = useColor();
  const view = useRef(new AuditView()).current;
  const [filter, setFilter] = useState('');
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [cursor, setCursor] = useState(0);
  const [top, setTop] = useState(0);
  view.update(props.sandbox.audit.items, filter);

  const rows = Math.max(1, props.height - 2 - (draft !== undefined || filter ? 1 : 0));
  const last = Math.max(0, view.length - 1);
  const at = Math.min(cursor, last);
  const first = Math.min(Math.max(0, at < top ? at : at >= top + rows ? at - rows + 1 : top), Math.max(0, view.length - rows));

  const move = (to: number) => {
    const next = Math.max(0, Math.min(last, to));
    setCursor(next);
    setTop(next < first ? next : next >= first + rows ? next - rows + 1 : first);
  };

  useInput(
    (input, key) => {
      if (draft !== undefined) {
        if (key.escape) {
          setDraft(undefined);
          props.onTyping(false);
        } else if (key.return) {
          setFilter(draft.trim());
          setDraft(undefined);
          props.onTyping(false);
          move(0);
        } else if (key.backspace || key.delete) setDraft(draft.slice(0, -1));
        else if (!key.ctrl && !key.meta && input) setDraft(draft + input);
        return;
      }
      if (input === '/') {
        setDraft(filter);
        props.onTyping(true);
      } else if (key.upArrow) move(at - 1);
      else if (key.downArrow) move(at + 1);
      else if (key.pageUp) move(at - rows);
      else if (key.pageDown) move(at + rows);
      else if (key.home) move(0);
      else if (key.end) move(last);
      else if (key.return) {
        const record = view.at(at);
        if (record) props.onOpen(record);
      }
    },
    { isActive: props.focused },
  );

  const records = view.slice(first, rows);
  const total = props.sandbox.audit.size;
  return (
    <Pane title="Audit" focused={props.focused} width={props.width} height={props.height} note={filter ? `${view.length}/${total}` : `${total}`}>
      {records.length === 0 ? <Text dimColor>{filter ? 'No record matches the filter.' : 'Every call appears here, newest first.'}</Text> : null}
      <Box flexDirection="column" flexGrow={1}>
        {/* Keyed by row, not by record: paging changes the rows' text, it does not remount them. */}
        {records.map((r, i) => (
          <Text key={i} wrap="truncate" inverse={props.focused && first + i === at}>
            {r.eventTime.slice(11, 19)} {r.eventName.padEnd(21)} {r.awsRegion.padEnd(14)}
            {r.errorCode ? <Text color={color('red')}>✗ {r.errorCode}</Text> : <Text color={color('green')}>✓</Text>}
            <Text dimColor> {shortKey(r)}</Text>
          </Text>
        ))}
      </Box>
      {draft !== undefined ? (
        <Text wrap="truncate">
          <Text color={color('yellow')}>filter /</Text>
          {draft}
          <Text inverse> </Text>
        </Text>
      ) : filter ? (
        <Text wrap="truncate" dimColor>
          filter: {filter} (/ to change)
        </Text>
      ) : null}
    </Pane>
  );
});

function shortKey(record: AuditRecord): string {
  // The key column names KMS keys only: an S3 data event's resources are its object and bucket.
  const arn = auditedKeyArn(record);
  return arn ? `${arn.slice(arn.lastIndexOf('/') + 1, arn.lastIndexOf('/') + 9)}…` : '';
}
