import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../../../src/engine/console/console-error.js';
import { tokenize } from '../../../src/engine/console/tokenize.js';

describe('tokenize', () => {
  it('splits words on whitespace', () => {
    expect(tokenize('kms  encrypt\t--key-id alias/app')).toEqual(['kms', 'encrypt', '--key-id', 'alias/app']);
  });

  it('keeps quoted text together, single quotes literal and double quotes with escapes', () => {
    expect(tokenize(`--plaintext "hello \\"you\\"" --policy '{"a": 1}'`)).toEqual(['--plaintext', 'hello "you"', '--policy', '{"a": 1}']);
  });

  it('drops a comment that starts a word, but not a # inside a word', () => {
    expect(tokenize('kms list-keys # all of them')).toEqual(['kms', 'list-keys']);
    expect(tokenize('--plaintext a#b')).toEqual(['--plaintext', 'a#b']);
  });

  it('keeps an empty quoted word', () => {
    expect(tokenize(`--description ""`)).toEqual(['--description', '']);
  });

  it.each([`--plaintext "unclosed`, `--plaintext 'unclosed`])('refuses an unclosed quote in %s', (line) => {
    expect(() => tokenize(line)).toThrow(ConsoleError);
  });
});
