import { describe, expect, it } from 'vitest';
import { editDistance, nearestName } from '../../src/lib/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['narration', 'narration', 0],
    ['narattion', 'narration', 2],
    ['', 'id', 2],
    ['kitten', 'sitting', 3],
  ])('counts the edits from %s to %s', (a, b, edits) => {
    expect(editDistance(a, b)).toBe(edits);
    expect(editDistance(b, a)).toBe(edits);
  });
});

describe('nearestName', () => {
  it('returns the closest candidate when it is within 40% of the name length', () => {
    expect(nearestName('narattion', ['title', 'narration', 'command'])).toBe('narration');
    expect(nearestName('titel', ['title', 'steps'])).toBe('title');
  });

  it('returns nothing when every candidate is too far for the name length', () => {
    expect(nearestName('colour', ['title', 'summary', 'goals'])).toBeUndefined();
    // One edit is close enough for a three-letter name, two are not (they are for nine letters, above)
    expect(nearestName('stp', ['step'])).toBe('step');
    expect(nearestName('sxp', ['step'])).toBeUndefined();
    expect(nearestName('narattion', [])).toBeUndefined();
  });
});
