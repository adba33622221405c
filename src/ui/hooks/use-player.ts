import { useEffect, useState } from 'react';
import type { ScenarioPlayer } from '../../engine/scenarios/contract.js';

/** A number that changes whenever the player does: a step ran, back, restart, a new sandbox. */
export function usePlayerVersion(player: ScenarioPlayer | undefined): number {
  const [version, setVersion] = useState(0);
  useEffect(() => player?.onChange(() => setVersion((v) => v + 1)), [player]);
  return version;
}

/** Schedules `run` after `ms` of real time; returns the cancel. The UI's only timer for playback. */
export type Schedule = (run: () => void, ms: number) => () => void;

/** The real-time schedule: setTimeout. Tests pass their own to fire steps by hand. */
export const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};
