/** Thrown when an internal invariant is broken: a bug, never a simulated AWS failure. */
export class InvariantError extends Error {
  override name = 'InvariantError' as const;
}

/** Asserts an internal invariant; a failure is a bug that only the top-level boundary catches. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}
