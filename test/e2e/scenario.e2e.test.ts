/**
 * End to end: `kms-sandbox scenario ID`, the real binary (from dist/, built by `npm test`), in a
 * real terminal (tmux) at 120×40: → twice shows step 3, the Audit pane shows the records that
 * step added (read from the same scenario played headless), and Ctrl-C leaves with exit code 0.
 * An unknown id is one line listing the known ids, exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenarioPlayer, loadScenarioDir } from '../../src/engine/scenarios/index.js';
import { paneText, startInTmux, tmuxInstalled, type TmuxTerminal } from '../helpers/tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ID = 'cross-region-snapshot';
const HAS_TMUX = tmuxInstalled();
const E2E_TIMEOUT = 120_000;

/** The scenario's step count, and the event names step 3 adds to the trail (played headless). */
function stepThree(): { total: number; title: string; events: string[] } {
  const scenario = loadScenarioDir(`${ROOT}scenarios`).scenarios.find((s) => s.id === ID);
  if (!scenario) throw new Error(`scenario ${ID} is missing`);
  const player = createScenarioPlayer(scenario);
  player.next();
  player.next();
  const step = player.next();
  if (!step) throw new Error(`${ID} has fewer than 3 steps`);
  return { total: scenario.steps.length, title: step.step.title, events: [...new Set(step.audit.map((r) => r.eventName))] };
}

describe('kms-sandbox scenario ID', () => {
  it('gives one line listing the known ids, and exit code 2, for an unknown id', () => {
    const result = spawnSync('node', ['bin/kms-sandbox.js', 'scenario', 'no-such-scenario'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kms-sandbox: unknown scenario "no-such-scenario"\. Known: .*cross-region-snapshot/);
  });

  describe.skipIf(!HAS_TMUX && !process.env.CI)('in a terminal (tmux) at 120×40', () => {
    let terminal: TmuxTerminal | undefined;
    afterEach(async () => {
      await terminal?.close();
      terminal = undefined;
    });

    it('steps to step 3 with → → and shows the step’s records in Audit, then exits 0 on Ctrl-C', { timeout: E2E_TIMEOUT }, async () => {
      if (!HAS_TMUX) throw new Error('tmux is not installed, and CI must run the terminal end-to-end test: install it (.ci/run does: apt-get install tmux).');
      const expected = stepThree();
      expect(expected.events.length, 'step 3 of the scenario adds audit records').toBeGreaterThan(0);
      terminal = await startInTmux({ argv: ['node', 'bin/kms-sandbox.js', 'scenario', ID], cwd: ROOT, columns: 120, rows: 40 });
      const tui = terminal;
      await tui.waitFor('step 1 in the Guide', (s) => paneText(s, 'Guide').includes(`Step 1 of ${expected.total}`));

      await tui.press('Right');
      await tui.waitFor('step 2 in the Guide', (s) => paneText(s, 'Guide').includes(`Step 2 of ${expected.total}`));
      await tui.press('Right');
      const screen = await tui.waitFor(
        `step 3 in the Guide and ${expected.events.join(', ')} in Audit`,
        (s) => paneText(s, 'Guide').includes(`Step 3 of ${expected.total}`) && expected.events.every((e) => paneText(s, 'Audit').includes(e)),
      );
      expect(paneText(screen, 'Guide')).toContain(expected.title.slice(0, 40));
      expect(screen).toContain(`${ID} 3/${expected.total}`);

      await tui.press('C-c');
      expect(await tui.exitCode()).toBe(0);
    });
  });
});
