/**
 * Cuts a line of narrow characters (one column each: ASCII and the box, arrow and bullet
 * symbols the panes draw) to `width` columns, ending in `…` when cut, exactly as Ink's
 * `wrap="truncate"` would. Ink measures every line of every frame before truncating it, and a
 * line with any non-ASCII character is measured grapheme by grapheme: lines cut here first are
 * measured at the pane's width, not at their full length (a lifecycle line runs to 200
 * characters). Not for text that may hold wide or combining characters (user data): Ink cuts those.
 */
export function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  return width < 1 ? '' : `${text.slice(0, width - 1)}…`;
}
