import type { Field } from '../../sim/index.js';
import type { CommandSpec } from './command-catalog.js';

/** The sandbox's own verbs, beside the `kms` commands. */
export const SANDBOX_VERBS: readonly { readonly usage: string; readonly summary: string }[] = [
  { usage: 'clock', summary: 'Show the virtual date and time' },
  { usage: 'clock advance <30d|12h|90m|45s>', summary: 'Move virtual time forward, firing due timers (deletions, …)' },
  { usage: 'region', summary: 'Show the current Region' },
  { usage: 'region use <region>', summary: 'Make <region> the default for later commands' },
  { usage: 'region list', summary: 'List the Regions the sandbox simulates' },
  { usage: 'keymaterial new NAME [--bytes N]', summary: 'Make your own key material, 32 bytes by default (kept here, never shown)' },
  { usage: 'keymaterial wrap NAME --public-key … --wrapping-algorithm …', summary: 'Wrap it for ImportKeyMaterial, as OpenSSL would' },
  { usage: 'hsm fail REGION [N]', summary: 'Fail HSM N (1–3) of a Region, or without N the whole Region' },
  { usage: 'hsm recover REGION [N]', summary: 'Bring HSM N, or the whole Region, back' },
  { usage: 'hsm status [REGION]', summary: 'Which HSMs are in service' },
  { usage: 'help [command]', summary: 'This list, or the flags of one command' },
  { usage: 'NAME = kms …', summary: 'Name a command\'s output; reuse it later as $NAME.Field ($_ is the last output)' },
];

/**
 * `help`: every command, generated from the operation registries (KMS, then the simulated
 * services, which call KMS on your behalf), then the sandbox verbs.
 */
export function renderHelp(catalog: readonly CommandSpec[], services: readonly CommandSpec[] = []): string {
  const width = Math.max(...catalog.map((c) => c.command.length), ...services.map((c) => c.service.length + c.command.length - 3), ...SANDBOX_VERBS.map((v) => v.usage.length - 4)) + 2;
  const lines: string[] = [];
  if (catalog.length > 0) lines.push('KMS commands (kms <command> --flag value …; a leading "aws" is optional):');
  for (const c of catalog) lines.push(`  kms ${c.command.padEnd(width)}${c.operation.summary}`);
  if (services.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push('AWS services that use KMS (they call KMS for you; watch the Audit pane):');
    for (const c of services) lines.push(`  ${`${c.service} ${c.command}`.padEnd(width + 4)}${c.operation.summary}`);
  }
  lines.push('', 'Sandbox commands:');
  for (const v of SANDBOX_VERBS) lines.push(`  ${v.usage.padEnd(width + 4)}${v.summary}`);
  lines.push('', 'Global flags: --region <region>, --output json. "help <command>" shows its flags.');
  return lines.join('\n');
}

/** `help <command>`: the command's flags with their kinds, limits and meaning. */
export function renderCommandHelp(spec: CommandSpec): string {
  const lines = [`${spec.service} ${spec.command}: ${spec.operation.summary}`, `AWS API: ${spec.operation.name} (${spec.operation.docUrl})`, ''];
  const required = spec.flags.filter((f) => f.field.required);
  const optional = spec.flags.filter((f) => !f.field.required);
  const usage = [...required.map((f) => `--${f.flag} ${placeholder(f.field)}`), ...optional.map((f) => `[--${f.flag}${f.field.kind === 'boolean' ? '' : ` ${placeholder(f.field)}`}]`)];
  lines.push(`Usage: ${spec.service} ${spec.command} ${usage.join(' ')}`.trimEnd(), '');
  for (const f of spec.flags) {
    const values = f.field.enumValues ? ` One of: ${f.field.enumValues.join(', ')}.` : '';
    lines.push(`  --${f.flag}${f.field.required ? ' (required)' : ''}`, `      ${f.field.doc}${values}`);
  }
  if (spec.flags.length === 0) lines.push('  (no flags)');
  return lines.join('\n');
}

function placeholder(field: Field): string {
  switch (field.kind) {
    case 'integer':
      return '<n>';
    case 'blob':
      return '<bytes>';
    case 'map':
      return '<k=v,…>';
    case 'timestamp':
      return '<date>';
    case 'list':
      return '<value …>';
    case 'structure':
      return '<json>';
    case 'boolean':
      return '';
    default:
      return field.enumValues ? `<${field.enumValues.slice(0, 3).join('|')}${field.enumValues.length > 3 ? '|…' : ''}>` : '<value>';
  }
}
