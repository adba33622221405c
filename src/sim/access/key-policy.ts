import { KmsError } from '../errors.js';
import type { Principal } from './principal.js';

/**
 * The default key policy KMS gives a key created without one: the account (and so its IAM
 * policies) may do everything. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function defaultKeyPolicy(accountId: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
    null,
    2,
  );
}

/** The API model's pattern for policy documents: tab, newline, return and U+0020–U+00FF. */
// eslint-disable-next-line no-control-regex -- the model's pattern names these control characters
export const POLICY_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;

interface Statement {
  readonly Effect?: unknown;
  readonly Principal?: unknown;
  readonly NotPrincipal?: unknown;
  readonly Action?: unknown;
  readonly NotAction?: unknown;
  readonly Condition?: unknown;
}

/**
 * Checks a key policy document: valid JSON, a Statement list whose entries have an Effect,
 * a Principal and an Action; and, unless bypassed, AWS's lockout safety check (the caller
 * must still be allowed kms:PutKeyPolicy). Throws MalformedPolicyDocumentException.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#prevent-unmanageable-key
 */
export function checkKeyPolicy(text: string, caller: Principal, bypassLockoutCheck: boolean): void {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw malformed('The policy is not valid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw malformed('The policy must be a JSON object.');
  const raw = (document as { Statement?: unknown }).Statement;
  const statements = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as Statement[];
  if (statements.length === 0) throw malformed('The policy must contain at least one Statement.');
  for (const s of statements) {
    if (typeof s !== 'object' || s === null) throw malformed('Each policy statement must be a JSON object.');
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed('Policy contains a statement with an invalid Effect.');
    if (s.Principal === undefined && s.NotPrincipal === undefined)
      throw malformed('Policy contains a statement with no principal.');
    if (s.Action === undefined && s.NotAction === undefined) throw malformed('Policy contains a statement with no action.');
  }
  // As in IAM evaluation, an explicit unconditional Deny of kms:PutKeyPolicy beats any Allow.
  const allows = statements.some((s) => s.Effect === 'Allow' && coversPutKeyPolicy(s, caller));
  const denies = statements.some((s) => s.Effect === 'Deny' && s.Condition === undefined && coversPutKeyPolicy(s, caller));
  if (!bypassLockoutCheck && (!allows || denies))
    throw malformed('The new key policy will not allow you to update the key policy in the future.');
}

function coversPutKeyPolicy(s: Statement, caller: Principal): boolean {
  const actions = asList(s.Action);
  const coversAction = actions.some((a) => actionPattern(a).test('kms:PutKeyPolicy'));
  const principals = s.Principal === '*' ? ['*'] : asList((s.Principal as { AWS?: unknown } | undefined)?.AWS);
  const root = `arn:aws:iam::${caller.accountId}:root`;
  const coversCaller = principals.some((p) => p === '*' || p === root || p === caller.accountId || p === caller.arn);
  return coversAction && coversCaller;
}

/** An IAM action pattern (`kms:Put*`, `kms:*`, `*`) as a case-insensitive regular expression. */
function actionPattern(action: string): RegExp {
  const source = action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i');
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function malformed(message: string): KmsError {
  return new KmsError('MalformedPolicyDocumentException', message);
}
