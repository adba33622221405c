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
export const CONTROL_TARGETS = ['GetClock', 'AdvanceClock', 'Reset', 'ListAuditEvents', 'FailHsm', 'RecoverHsm', 'GetHsmStatus'] as const;

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
    case 'FailHsm':
    case 'RecoverHsm': {
      // {"Region": "us-east-1", "Hsm"?: 1-3}: one HSM, or without Hsm the whole Region.
      const { region, hsm } = hsmTarget(sandbox, body);
      if (target === 'FailHsm') sandbox.hsm.fail(region, hsm);
      else sandbox.hsm.recover(region, hsm);
      return hsmStatus(sandbox, region);
    }
    case 'GetHsmStatus': {
      const region = body.Region;
      if (region !== undefined && !sandbox.regions.some((r) => r.name === region))
        throw new ControlError('ValidationException', `Region must be one the sandbox simulates; got ${JSON.stringify(region)}.`);
      return { Regions: sandbox.hsm.status(region as string | undefined).map((s) => ({ Region: s.region, Up: s.up, Down: s.down, RegionDown: s.regionDown })) };
    }
    default:
      throw new ControlError('UnknownOperationException', `Unknown KmsSandbox target ${target}. Known: ${CONTROL_TARGETS.join(', ')}.`);
  }
}

function hsmTarget(sandbox: Sandbox, body: Record<string, unknown>): { region: string; hsm: number | 'all' } {
  const unknown = Object.keys(body).filter((k) => k !== 'Region' && k !== 'Hsm');
  if (unknown.length > 0) throw new ControlError('ValidationException', `FailHsm and RecoverHsm take Region and Hsm; unknown: ${unknown.join(', ')}.`);
  const region = body.Region;
  if (typeof region !== 'string' || !sandbox.regions.some((r) => r.name === region))
    throw new ControlError('ValidationException', `Region must be one the sandbox simulates; got ${JSON.stringify(region)}.`);
  const hsm = body.Hsm;
  if (hsm !== undefined && !(typeof hsm === 'number' && Number.isInteger(hsm) && hsm >= 1 && hsm <= 3))
    throw new ControlError('ValidationException', `Hsm must be 1, 2 or 3 (omit it for the whole Region); got ${JSON.stringify(hsm)}.`);
  return { region, hsm: hsm ?? 'all' };
}

function hsmStatus(sandbox: Sandbox, region: string): Record<string, unknown> {
  const [status] = sandbox.hsm.status(region);
  return { Region: region, Up: status?.up ?? [], Down: status?.down ?? [], RegionDown: status?.regionDown ?? false };
}
