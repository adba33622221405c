import { z } from 'zod';

/**
 * The zod schema of a scenario file (the shape of contract.ts). Objects are strict, so an
 * unknown or misspelt field is an error; semantic rules (unique ids, references, the format
 * version) are checked by the validator after the shape.
 */
const text = z.string().trim().min(1, 'must not be empty');

const auditEntry = z.record(z.string(), z.unknown());

export const expectationSchema = z
  .strictObject({
    ok: z.boolean(),
    error: text.optional(),
    output: z.unknown().optional(),
    audit: z.array(auditEntry).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.ok && value.error !== undefined)
      ctx.addIssue({ code: 'custom', path: ['error'], message: 'an error is expected, but ok is true', params: { fix: 'Set ok: false to expect an error, or remove error.' } });
  });

const stepSchema = z
  .strictObject({
    title: text,
    narration: text,
    command: text.optional(),
    expect: expectationSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.command !== undefined && value.expect === undefined)
      ctx.addIssue({ code: 'custom', path: ['expect'], message: 'a step with a command needs an expected outcome', params: { fix: 'Add expect: { ok: true } (or ok: false with error: TheErrorCode).' } });
    if (value.command === undefined && value.expect !== undefined)
      ctx.addIssue({ code: 'custom', path: ['expect'], message: 'expect without a command has nothing to check', params: { fix: 'Add the command, or remove expect.' } });
  });

const goalSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)'),
  title: text,
  check: z
    .strictObject({ command: text.optional(), expect: expectationSchema.optional(), audit: auditEntry.optional() })
    .superRefine((value, ctx) => {
      const hasCommand = value.command !== undefined || value.expect !== undefined;
      if (hasCommand && value.audit !== undefined)
        ctx.addIssue({ code: 'custom', path: ['audit'], message: 'a check is either a command with expect, or an audit match, not both', params: { fix: 'Keep one form; split it into two goals if both matter.' } });
      else if (!hasCommand && value.audit === undefined)
        ctx.addIssue({ code: 'custom', path: [], message: 'the check is empty', params: { fix: 'Give command and expect, or audit: { eventName: …, awsRegion: … }.' } });
      else if (hasCommand && value.command === undefined)
        ctx.addIssue({ code: 'custom', path: ['command'], message: 'expect needs a command to check', params: { fix: 'Add command: the console line whose outcome is checked.' } });
      else if (hasCommand && value.expect === undefined)
        ctx.addIssue({ code: 'custom', path: ['expect'], message: 'the command needs an expected outcome', params: { fix: 'Add expect: { ok: true, output: { … } }.' } });
    }),
  failure: text,
});

/** A scenario file's shape, before semantic checks. */
export const scenarioSchema = z.strictObject({
  formatVersion: z.number().int('must be a whole number'),
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single dashes)'),
  title: text,
  summary: text,
  sources: z.array(z.url({ message: 'must be a URL (https://…)' })).min(1, 'must name at least one source'),
  start: z.strictObject({
    date: z
      .string()
      .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date and time with a zone, e.g. 2026-03-02T09:00:00Z')
      .optional(),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a Region name such as us-east-1').optional(),
    setup: z.array(text).optional(),
  }),
  steps: z.array(stepSchema).min(1, 'must have at least one step'),
  goals: z.array(goalSchema).default([]),
  hints: z.array(text).default([]),
  exercise: z.strictObject({ task: text, solution: z.array(text).min(1, 'must have at least one line') }).optional(),
});

/** The parsed shape of a scenario file. */
export type ScenarioShape = z.infer<typeof scenarioSchema>;

/**
 * The field names the format allows in the mapping at a path (`['steps', 2]` → title, narration,
 * command, expect), read from the schema so they cannot drift from it; empty where the path does
 * not lead to a mapping of known fields.
 */
export function fieldsAt(path: readonly (string | number)[]): string[] {
  let schema = unwrapOptional(scenarioSchema);
  for (const part of path) {
    if (schema instanceof z.ZodArray && typeof part === 'number') schema = unwrapOptional(schema.element);
    else if (schema instanceof z.ZodObject && typeof part === 'string' && Object.hasOwn(schema.shape, part)) schema = unwrapOptional(schema.shape[part] as z.core.$ZodType);
    else return [];
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrapOptional(schema: z.core.$ZodType): z.core.$ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap();
  return inner;
}
