import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../../lib/duration.js';
import type { Sandbox } from '../../sim/index.js';
import { fit } from '../fit.js';
import { useColor } from '../theme.js';

/** How long a clock jump stays on the status bar, in milliseconds of real time. */
const JUMP_SHOWN_MS = 4000;

/**
 * Virtual date and time, Region, principal, a scenario's place and state (in a replay), and the
 * key hints of the focused pane; clock jumps flash.
 */
export function StatusBar(props: { sandbox: Sandbox; version: number; region: string; principal: string; hints: string; width: number; scenario?: string }) {
  const color = useColor();
  const [jump, setJump] = useState<string | undefined>(undefined);
  const clock = props.sandbox.clock; // a new clock after a reset: the effect follows it
  const last = useRef(clock.nowMs);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    last.current = clock.nowMs;
    const off = clock.onAdvance((now) => {
      const delta = now.getTime() - last.current;
      last.current = now.getTime();
      if (delta <= 0) return;
      setJump(`clock +${formatDuration(delta)}`);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setJump(undefined), JUMP_SHOWN_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [clock]);
  const now = clock.now().toISOString();
  const parts = [` ${now.slice(0, 10)} ${now.slice(11, 19)} UTC `, jump ? ` ${jump} ` : '', ` ${props.region} `, `${props.principal} `, props.scenario ? `│ ${props.scenario} ` : ''] as const;
  const [time, flash, region, principal, scenario] = parts;
  const room = props.width - parts.reduce((n, p) => n + p.length, 0);
  return (
    <Box width={props.width}>
      <Text wrap="truncate">
        <Text inverse bold>{time}</Text>
        {flash ? <Text color={color('yellow')} bold>{flash}</Text> : null}
        <Text color={color('green')}>{region}</Text>
        <Text color={color('magenta')}>{principal}</Text>
        {scenario ? <Text color={color('cyan')} bold>{scenario}</Text> : null}
        {/* Ink would cut the hints too; a terminal too narrow for any of them is left to Ink. */}
        <Text dimColor>{room > 0 ? fit(`│ ${props.hints}`, room) : `│ ${props.hints}`}</Text>
      </Text>
    </Box>
  );
}
