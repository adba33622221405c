import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/ui/theme.js';

describe('colorEnabled', () => {
  it('is on for a terminal without NO_COLOR', () => {
    expect(colorEnabled({ TERM: 'xterm-256color' }, true)).toBe(true);
  });

  it.each(['1', 'true', ''])('is off when NO_COLOR is set (to %j)', (value) => {
    expect(colorEnabled({ NO_COLOR: value }, true)).toBe(false);
  });

  it('is off when the output is not a terminal', () => {
    expect(colorEnabled({}, false)).toBe(false);
  });
});
