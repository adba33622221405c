import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../../../src/sim/index.js';
import { KeysPane, countdown } from '../../../src/ui/panes/KeysPane.js';
import { cleanupUi, findPane, renderUi } from '../../helpers/render.js';

afterEach(cleanupUi);

function createKey(sandbox: Sandbox, region: string, alias?: string): string {
  const outcome = sandbox.call(region, sandbox.admin, 'CreateKey', {});
  if (!outcome.ok) throw new Error(outcome.error.message);
  const keyId = outcome.output.KeyMetadata.KeyId;
  if (alias) sandbox.call(region, sandbox.admin, 'CreateAlias', { AliasName: alias, TargetKeyId: keyId });
  return keyId;
}

async function openKeys(sandbox: Sandbox) {
  const ui = await renderUi(h(KeysPane, { sandbox, version: 0, focused: true, width: 90, height: 30 }), { columns: 90, rows: 30 });
  await ui.waitFor('Keys');
  return ui;
}

describe('KeysPane', () => {
  it('tells a multi-Region primary from its replica, with their Regions', async () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    const outcome = sandbox.call('us-east-1', sandbox.admin, 'CreateKey', { MultiRegion: true });
    if (!outcome.ok) throw new Error(outcome.error.message);
    sandbox.call('us-east-1', sandbox.admin, 'ReplicateKey', { KeyId: outcome.output.KeyMetadata.KeyId, ReplicaRegion: 'eu-west-1' });
    const ui = await openKeys(sandbox);
    expect(findPane(ui.frame(), 'Keys')?.text).toContain('Multi-Region primary · replicas: eu-west-1');
    await ui.press('down');
    expect(findPane(ui.frame(), 'Keys')?.text).toContain('Multi-Region replica · primary in us-east-1');
  });

  it('lists the keys per Region with their state badges and aliases', async () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    const app = createKey(sandbox, 'us-east-1', 'alias/app');
    const old = createKey(sandbox, 'us-east-1');
    sandbox.call('us-east-1', sandbox.admin, 'DisableKey', { KeyId: old });
    const west = createKey(sandbox, 'eu-west-1');
    const ui = await openKeys(sandbox);
    const lines = findPane(ui.frame(), 'Keys')?.lines.map((l) => l.trim()) ?? [];
    const at = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(at(app.slice(0, 8))).toBeGreaterThan(at('us-east-1'));
    expect(lines[at(app.slice(0, 8))]).toMatch(/● Enabled\s+\w{8}… alias\/app/);
    expect(lines[at(old.slice(0, 8))]).toMatch(/● Disabled/);
    expect(lines[at(west.slice(0, 8))]).toMatch(/● Enabled/);
    expect(at(west.slice(0, 8))).toBeGreaterThan(lines.findIndex((l) => l === 'eu-west-1'));
    expect(findPane(ui.frame(), 'Keys')?.top).toMatch(/ 3 [┐╗]$/);
  });

  it('shows the selected key’s ARN, aliases and lifecycle, and moves the selection with ↑/↓', async () => {
    const sandbox = createSandbox({ quotas: { enforce: false } });
    const first = createKey(sandbox, 'us-east-1', 'alias/first');
    const second = createKey(sandbox, 'us-east-1');
    const ui = await openKeys(sandbox);
    const arnOf = (keyId: string) => sandbox.keys().find((k) => k.keyId === keyId)?.arn ?? '';
    expect(findPane(ui.frame(), 'Keys')?.text).toContain(arnOf(first));
    expect(findPane(ui.frame(), 'Keys')?.text).toContain('Aliases: alias/first');
    expect(findPane(ui.frame(), 'Keys')?.lines.find((l) => l.includes('›'))).toContain(first.slice(0, 8));
    await ui.press('down');
    const text = findPane(ui.frame(), 'Keys')?.text ?? '';
    expect(text).toContain(arnOf(second));
    expect(text).toContain('Aliases: (none)');
    expect(findPane(ui.frame(), 'Keys')?.lines.find((l) => l.includes('›'))).toContain(second.slice(0, 8));
    expect(text).toMatch(/● Enabled\s+disable→Disabled/);
    await ui.press('down'); // the last stays selected
    expect(findPane(ui.frame(), 'Keys')?.lines.find((l) => l.includes('›'))).toContain(second.slice(0, 8));
    await ui.press('up');
    expect(findPane(ui.frame(), 'Keys')?.lines.find((l) => l.includes('›'))).toContain(first.slice(0, 8));
  });

  it('shows the deletion date and countdown of a key pending deletion', async () => {
    const sandbox = createSandbox({ quotas: { enforce: false }, start: new Date('2026-03-01T09:00:00Z') });
    const keyId = createKey(sandbox, 'us-east-1');
    sandbox.call('us-east-1', sandbox.admin, 'ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
    const ui = await openKeys(sandbox);
    const text = findPane(ui.frame(), 'Keys')?.text ?? '';
    expect(text).toMatch(/● PendingDeletion/);
    expect(text).toMatch(/Deletion 2026-03-08.*\(in 7d 0h\)/);
  });
});

describe('countdown', () => {
  it.each([
    [0, 'now'],
    [-5, 'now'],
    [35_000, '35s'],
    [4 * 60_000 + 10_000, '4m 10s'],
    [4 * 3_600_000 + 10 * 60_000, '4h 10m'],
    [6 * 86_400_000 + 23 * 3_600_000, '6d 23h'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(countdown(ms)).toBe(text);
  });
});
