import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A path into a scenario: member names and array indexes. */
export type FieldPath = readonly (string | number)[];

/** Renders a path as content errors name fields: `steps[2].expect.error`. */
export function fieldName(path: FieldPath): string {
  let name = '';
  for (const part of path) name += typeof part === 'number' ? `[${part}]` : name ? `.${part}` : part;
  return name || '(file)';
}

/**
 * Finds the 1-based line of a field in a parsed YAML document. A missing field is placed at its
 * nearest existing parent; `atKey` places a present field at its key (for unknown fields).
 */
export function lineOf(doc: Document, counter: LineCounter, path: FieldPath, atKey = false): number {
  let node: unknown = doc.contents;
  let offset = offsetOf(node) ?? 0;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) break;
      offset = (atKey && part === path[path.length - 1] ? offsetOf(pair.key) : (offsetOf(pair.value) ?? offsetOf(pair.key))) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      const item: unknown = node.items[part];
      if (item === undefined) break;
      offset = offsetOf(item) ?? offset;
      node = item;
    } else break;
  }
  return counter.linePos(offset).line;
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
