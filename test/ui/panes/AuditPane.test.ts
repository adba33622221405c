import { createElement as h } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type AuditRecord, type Sandbox } from '../../../src/sim/index.js';
import { SandboxScreen } from '../../../src/ui/screens/SandboxScreen.js';
import { cleanupUi, findPane, focusedPane, renderUi, type RenderedUi } from '../../helpers/render.js';

const REGION = 'us-east-1';
const RECORDS = 100_000;

/**
 * A sandbox with a CreateKey and then 100,000 GenerateRandom calls, one virtual second apart,
 * so every record on a page shows a different time.
 */
function bigSandbox(): Sandbox {
  const sandbox = createSandbox({ quotas: { enforce: false }, start: new Date('2026-03-01T09:00:00Z') });
  sandbox.call(REGION, sandbox.admin, 'CreateKey', {});
  for (let i = 0; i < RECORDS; i += 1) {
    sandbox.advanceClock(1000);
    sandbox.call(REGION, sandbox.admin, 'GenerateRandom', { NumberOfBytes: 1 });
  }
  return sandbox;
}

/** The records the Audit pane lists, top to bottom, as their hh:mm:ss times and operations. */
function auditRows(frame: string): string[] {
  return (findPane(frame, 'Audit')?.lines ?? []).map((l) => /(\d\d:\d\d:\d\d) (\w+)/.exec(l)).flatMap((m) => (m ? [`${m[1]} ${m[2]}`] : []));
}

function row(record: AuditRecord | undefined): string {
  return `${record?.eventTime.slice(11, 19)} ${record?.eventName}`;
}

/** Presses a key and returns how long the frame took to show what `changed` looks for. */
async function timed(ui: RenderedUi, key: string, changed: (frame: string) => boolean): Promise<number> {
  const started = performance.now();
  await ui.press(key);
  await ui.waitFor(changed);
  return performance.now() - started;
}

let sandbox: Sandbox;
let trail: readonly AuditRecord[];
beforeAll(() => {
  sandbox = bigSandbox();
  trail = sandbox.audit.items;
}, 120_000);

afterEach(cleanupUi);

async function openAudit(): Promise<RenderedUi> {
  const ui = await renderUi(h(SandboxScreen, { sandbox }), { columns: 120, rows: 40 });
  await ui.waitFor((f) => auditRows(f).length > 0);
  await ui.press('escape');
  await ui.press('tab');
  await ui.press('tab');
  await ui.waitFor((f) => focusedPane(f) === 'Audit');
  return ui;
}

describe('AuditPane with 100,000 records', () => {
  it('shows the count and the newest records first', async () => {
    expect(trail).toHaveLength(RECORDS + 1);
    const ui = await openAudit();
    expect(findPane(ui.frame(), 'Audit')?.top).toMatch(new RegExp(` ${RECORDS + 1} [┐╗]$`));
    const rows = auditRows(ui.frame());
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toEqual(rows.map((_, i) => row(trail.at(-1 - i))));
    expect(findPane(ui.frame(), 'Metrics')?.text).toMatch(new RegExp(`GenerateRandom\\s+\\S+\\s+${RECORDS} calls`));
  });

  it('scrolls with PageDown, End and Home, quickly', async () => {
    const ui = await openAudit();
    const page = auditRows(ui.frame()).length;

    // PageDown moves the selection a page down: the list scrolls by one so it stays in view.
    const pageDown = await timed(ui, 'pagedown', (f) => auditRows(f)[0] === row(trail.at(-2)));
    expect(auditRows(ui.frame()).at(-1)).toBe(row(trail.at(-1 - page)));
    await ui.press('enter');
    expect(await ui.waitFor('"eventName"')).toContain(`"eventTime": "${trail.at(-1 - page)?.eventTime}"`);
    await ui.press('escape');

    // End: the oldest record, the CreateKey, at the bottom.
    const end = await timed(ui, 'end', (f) => auditRows(f).at(-1) === row(trail[0]));
    expect(auditRows(ui.frame())).toEqual(auditRows(ui.frame()).map((_, i, all) => row(trail[all.length - 1 - i])));
    await ui.press('enter');
    expect(await ui.waitFor('"eventName": "CreateKey"')).toContain(`"eventTime": "${trail[0]?.eventTime}"`);
    await ui.press('escape');

    const home = await timed(ui, 'home', (f) => auditRows(f)[0] === row(trail.at(-1)));
    for (const ms of [pageDown, end, home]) expect(ms).toBeLessThan(1000);
  });

  it('filters 100,000 records with op:CreateKey', async () => {
    const ui = await openAudit();
    await ui.press('/');
    await ui.type('op:CreateKey');
    await ui.press('enter');
    const frame = await ui.waitFor((f) => (findPane(f, 'Audit')?.top ?? '').includes(`1/${RECORDS + 1}`));
    expect(auditRows(frame)).toEqual([row(trail[0])]);
  });

  // Last: it adds a record to the shared trail.
  it('keeps up with new calls on top of 100,000 records', async () => {
    const ui = await openAudit();
    const before = sandbox.audit.size;
    sandbox.call(REGION, sandbox.admin, 'ListKeys', {});
    const frame = await ui.waitFor((f) => auditRows(f)[0]?.endsWith('ListKeys') === true);
    expect(findPane(frame, 'Audit')?.top).toMatch(new RegExp(` ${before + 1} [┐╗]$`));
  });
});
