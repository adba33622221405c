import type { Sandbox } from '../sim/index.js';
import { epochSeconds } from './wire.js';

/** A control request the endpoint refuses, with the AWS-style code it answers with. */
export class ControlError extends Error {
  override name = 'ControlError' as const;

  constructor(
    readonly code: 'ValidationException' | 'UnknownOperationException',
    message: string,
  ) {
    super(message);
  }
}

/** The `KmsSandbox.*` control targets of design.md, by name. */
export const CONTROL_TARGETS = ['GetClock', 'AdvanceClock', 'Reset', 'ListAuditEvents'] as const;

const UNITS = { Days: 86_400_000, Hours: 3_600_000, Seconds: 1_000 } as const;

/**
 * Runs a `KmsSandbox.<Target>` request: the sandbox's own controls (its clock, a reset, the
 * audit trail), which have no AWS counterpart. Throws ControlError for a bad request.
 */
export function runControl(sandbox: Sandbox, target: string, body: Record<string, unknown>): Record<string, unknown> {
  switch (target) {
    case 'GetClock':
      return { Now: epochSeconds(sandbox.clock.now()) };
    case 'AdvanceClock': {
      let ms = 0;
      for (const [name, unit] of Object.entries(UNITS)) {
        const value = body[name];
        if (value === undefined) continue;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          throw new ControlError('ValidationException', `${name} must be a non-negative number; got ${JSON.stringify(value)}.`);
        ms += value * unit;
      }
      const unknown = Object.keys(body).filter((k) => !(k in UNITS));
      if (unknown.length > 0) throw new ControlError('ValidationException', `AdvanceClock takes Days, Hours and Seconds; unknown: ${unknown.join(', ')}.`);
      const { now, fired } = sandbox.advanceClock(ms);
      return { Now: epochSeconds(now), FiredTimers: fired };
    }
    case 'Reset':
      sandbox.reset();
      return {};
    case 'ListAuditEvents': {
      const since = body.Since;
      if (since !== undefined && (typeof since !== 'number' || !Number.isFinite(since)))
        throw new ControlError('ValidationException', `Since must be epoch seconds; got ${JSON.stringify(since)}.`);
      const sinceMs = since === undefined ? -Infinity : since * 1000;
      return { Events: sandbox.audit.items.filter((r) => Date.parse(r.eventTime) >= sinceMs) };
    }
    default:
      throw new ControlError('UnknownOperationException', `Unknown KmsSandbox target ${target}. Known: ${CONTROL_TARGETS.join(', ')}.`);
  }
}
