/**
 * A malformed console command (unknown command or flag, bad value, missing argument).
 * It is the learner's input that is wrong, not KMS: it never reaches the simulator.
 */
export class ConsoleError extends Error {
  override name = 'ConsoleError' as const;
}

/** Tells whether a thrown value is a malformed-command error. */
export function isConsoleError(error: unknown): error is ConsoleError {
  return error instanceof ConsoleError;
}
