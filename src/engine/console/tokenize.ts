import { ConsoleError } from './console-error.js';

/**
 * Splits a command line into words as a POSIX shell would for simple cases: whitespace
 * separates, 'single quotes' are literal, "double quotes" allow \" and \\, a backslash
 * escapes the next character, and an unquoted `#` at the start of a word starts a comment.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === ' ' || c === '\t') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new ConsoleError(`Unclosed single quote at column ${i + 1}.`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i += 1;
      inWord = true;
      for (;;) {
        if (i >= line.length) throw new ConsoleError('Unclosed double quote.');
        const d = line.charAt(i);
        if (d === '"') break;
        if (d === '\\' && (line.charAt(i + 1) === '"' || line.charAt(i + 1) === '\\')) {
          word += line.charAt(i + 1);
          i += 2;
        } else {
          word += d;
          i += 1;
        }
      }
      i += 1;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line.charAt(i + 1);
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  return words;
}
