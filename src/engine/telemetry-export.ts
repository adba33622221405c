import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sandbox } from '../sim/index.js';

/** The files `exportTelemetry` writes, by stream. */
export const TELEMETRY_FILES = { audit: 'audit.jsonl', metrics: 'metrics.jsonl', events: 'events.jsonl' } as const;

/**
 * Writes the audit trail, metrics and events of a sandbox as JSON Lines files in `dir`
 * (created if needed); returns the paths written. The streams hold no key material.
 */
export async function exportTelemetry(sandbox: Sandbox, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [stream, file] of Object.entries(TELEMETRY_FILES) as [keyof typeof TELEMETRY_FILES, string][]) {
    const path = join(dir, file);
    await writeFile(path, sandbox[stream].toJsonLines(), 'utf8');
    written.push(path);
  }
  return written;
}
