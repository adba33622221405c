import { Marked } from 'marked';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Colour must be possible for "off" to mean anything: chalk reads FORCE_COLOR when it loads,
// and the test worker's stdout is not a terminal.
const saved = vi.hoisted(() => {
  const before = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = '1';
  return before;
});
afterAll(() => {
  if (saved === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = saved;
});

const { plainMarkdown, renderMarkdown, stripAnsi } = await import('../../src/ui/markdown.js');

// eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
const ESCAPE = /\u001b\[/;
const SOURCE = '# Title\n\nSome **bold** text and `code`, then a long sentence that has to be wrapped to fit the narrow pane it is shown in.\n\n1. one\n2. two\n';

describe('renderMarkdown', () => {
  it('renders headings, emphasis and lists as terminal text', () => {
    const text = renderMarkdown(SOURCE, 60, false);
    expect(text).toContain('Title');
    expect(text).toContain('bold');
    expect(text).not.toContain('**');
    expect(text).toMatch(/1\. one/);
  });

  it('wraps to the width it is given', () => {
    const lines = renderMarkdown(SOURCE, 30, false).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
  });

  it('colours the text when colour is on and strips every escape when it is off', () => {
    expect(renderMarkdown(SOURCE, 40, true)).toMatch(ESCAPE);
    const plain = renderMarkdown(SOURCE, 40, false);
    expect(plain).not.toMatch(ESCAPE);
    expect(plain).toBe(stripAnsi(renderMarkdown(SOURCE, 40, true)));
  });

  it('builds one Marked renderer per width and colour setting, reused by later renders', () => {
    const use = vi.spyOn(Marked.prototype, 'use');
    try {
      renderMarkdown('a', 51, false);
      const perRenderer = use.mock.calls.length; // the constructor calls use() too
      expect(perRenderer).toBeGreaterThan(0);
      renderMarkdown('b', 51, false);
      renderMarkdown('c', 51, false);
      expect(use).toHaveBeenCalledTimes(perRenderer);
      renderMarkdown('d', 52, false);
      expect(use).toHaveBeenCalledTimes(2 * perRenderer);
      renderMarkdown('e', 52, false);
      renderMarkdown('f', 51, false);
      expect(use).toHaveBeenCalledTimes(2 * perRenderer);
    } finally {
      use.mockRestore();
    }
  });

  it('returns the same text for the same source and width', () => {
    expect(renderMarkdown(SOURCE, 44, false)).toBe(renderMarkdown(SOURCE, 44, false));
  });
});

describe('stripAnsi', () => {
  it('removes colour codes and keeps the text', () => {
    expect(stripAnsi('\u001b[1m\u001b[31mred\u001b[39m\u001b[22m plain')).toBe('red plain');
  });
});

describe('plainMarkdown (the Guide before its renderer has loaded)', () => {
  it('drops headings marks, emphasis and code marks, and link targets, keeping the words', () => {
    expect(plainMarkdown('## Try this\n\nRun **`kms create-key`** — see [the docs](https://docs.aws.amazon.com/kms/).\n')).toBe(
      'Try this\n\nRun kms create-key — see the docs.',
    );
  });
});
