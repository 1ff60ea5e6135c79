import { describe, expect, it } from 'vitest';
import { PageUnreadableError } from '../protocol';
import { pageProblemOf } from './page-problem';

describe('pageProblemOf', () => {
  it("gives a document's own reason, and Chrome's refusal for anything else", () => {
    expect(pageProblemOf(new PageUnreadableError('This PDF has no text layer.'))).toBe(
      'This PDF has no text layer.',
    );
    expect(pageProblemOf(new Error('Could not establish connection.'))).toMatch(
      /^Chrome does not let extensions read this page/,
    );
  });
});
