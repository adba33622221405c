import { isEmptyFilter, matchesAuditFilter, parseAuditFilter } from '../../engine/audit-filter.js';
import type { AuditRecord } from '../../sim/index.js';

/**
 * The audit trail as the pane lists it, newest first, under a filter. Matching is incremental:
 * records appended since the last look are the only ones checked, so a trail of 100,000 records
 * costs one pass per filter, not one per frame.
 */
export class AuditView {
  #items: readonly AuditRecord[] = [];
  #filterText = '';
  #matches: number[] | undefined; // indexes into #items, oldest first; undefined: no filter
  #checked = 0;

  /** Points the view at a trail and a filter; cheap when neither changed. */
  update(items: readonly AuditRecord[], filterText: string): void {
    if (items !== this.#items || filterText !== this.#filterText) {
      this.#items = items;
      this.#filterText = filterText;
      this.#checked = 0;
      this.#matches = isEmptyFilter(parseAuditFilter(filterText)) ? undefined : [];
    }
    if (!this.#matches) return;
    const filter = parseAuditFilter(filterText);
    for (; this.#checked < items.length; this.#checked += 1) {
      const record = items[this.#checked];
      if (record && matchesAuditFilter(record, filter)) this.#matches.push(this.#checked);
    }
  }

  /** How many records the view lists. */
  get length(): number {
    return this.#matches ? this.#matches.length : this.#items.length;
  }

  /** The record at a position of the newest-first list. */
  at(position: number): AuditRecord | undefined {
    const fromOldest = this.length - 1 - position;
    if (fromOldest < 0) return undefined;
    return this.#items[this.#matches ? (this.#matches[fromOldest] ?? -1) : fromOldest];
  }

  /** The records at positions [start, start + count) of the newest-first list. */
  slice(start: number, count: number): AuditRecord[] {
    const out: AuditRecord[] = [];
    for (let p = start; p < Math.min(this.length, start + count); p += 1) {
      const record = this.at(p);
      if (record) out.push(record);
    }
    return out;
  }
}
