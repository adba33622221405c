import { createContext, useContext } from 'react';

/** Whether the UI may use colour: off with NO_COLOR or when output is not a terminal. */
export const ColorContext = createContext(true);

/** Decides colour from the environment: NO_COLOR (any value) or a non-TTY stdout turns it off. */
export function colorEnabled(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): boolean {
  return env.NO_COLOR === undefined && stdoutIsTty;
}

/** A colour name when colour is on, undefined when it is off (Ink then prints plain text). */
export function useColor(): (color: string) => string | undefined {
  const enabled = useContext(ColorContext);
  return (color) => (enabled ? color : undefined);
}

/** The colour of a key state's badge. */
export const STATE_COLORS: Readonly<Record<string, string>> = {
  Enabled: 'green',
  Disabled: 'yellow',
  PendingDeletion: 'red',
  PendingReplicaDeletion: 'red',
  PendingImport: 'magenta',
  Creating: 'cyan',
  Updating: 'cyan',
  Unavailable: 'gray',
};
