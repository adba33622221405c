/**
 * End to end: `kms-sandbox serve --tui`, the real binary (from dist/, built by `npm test`), in a
 * real terminal (tmux) at 120×40. The Guide shows the endpoint's URL; calls made with the AWS SDK
 * appear live in the Keys and Audit panes; a key made in the Console is listed by the SDK (one
 * sandbox answers both); Ctrl-C stops the endpoint with exit code 0. Without a terminal,
 * `serve --tui` refuses in one line.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateKeyCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { paneText, startInTmux, tmuxInstalled, type TmuxTerminal } from '../helpers/tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HAS_TMUX = tmuxInstalled();
const E2E_TIMEOUT = 120_000;

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('kms-sandbox serve --tui', () => {
  it('refuses in one line, exit code 2, when standard input is not a terminal', () => {
    const result = spawnSync('node', ['bin/kms-sandbox.js', 'serve', '--tui', '--port', '0'], { cwd: ROOT, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^kms-sandbox: serve --tui needs an interactive terminal/)]);
  });

  describe.skipIf(!HAS_TMUX && !process.env.CI)('in a terminal (tmux) at 120×40', () => {
    let terminal: TmuxTerminal | undefined;
    afterEach(async () => {
      await terminal?.close();
      terminal = undefined;
    });

    it('shows SDK calls live in Keys and Audit, shares its sandbox with the Console, and stops on Ctrl-C', { timeout: E2E_TIMEOUT }, async () => {
      if (!HAS_TMUX) throw new Error('tmux is not installed, and CI must run the terminal end-to-end test: install it (.ci/run does: apt-get install tmux).');
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      terminal = await startInTmux({ argv: ['node', 'bin/kms-sandbox.js', 'serve', '--tui', '--port', String(port)], cwd: ROOT, columns: 120, rows: 40 });
      const tui = terminal;
      await tui.waitFor(`the endpoint's URL in the Guide`, (s) => paneText(s, 'Guide').includes(url));

      const kms = new KMSClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      try {
        const created = await kms.send(new CreateKeyCommand({ Description: 'made by the SDK' }));
        const keyId = created.KeyMetadata?.KeyId ?? '';
        expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
        await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('hello') }));
        await tui.waitFor(
          'the SDK key in Keys, its CreateKey and Encrypt in Audit',
          (s) => paneText(s, 'Keys').includes(keyId.slice(0, 8)) && paneText(s, 'Audit').includes('CreateKey') && paneText(s, 'Audit').includes('Encrypt'),
        );

        // A key made in the Console is the endpoint's too.
        await tui.enter('kms create-key --description typed');
        await tui.waitFor('two keys in Keys', (s) => /Keys[─ ]+2 /.test(s.split('\n')[0] ?? ''));
        const listed = await kms.send(new ListKeysCommand({}));
        expect(listed.Keys?.map((k) => k.KeyId)).toHaveLength(2);
        expect(listed.Keys?.map((k) => k.KeyId)).toContain(keyId);

        await tui.press('C-c');
        expect(await tui.exitCode()).toBe(0);
        await expect(kms.send(new ListKeysCommand({}))).rejects.toThrow(/ECONNREFUSED/);
      } finally {
        kms.destroy();
      }
    });
  });
});
