import { describe, expect, it } from 'vitest';
import { CORPUS } from './fixtures/retrieval-corpus';
import { passageOf } from './passages';
import { PassageIndex, packPassages, passageLine, stem } from './retrieve-passages';

/** Precision at 3 and recall at 5 of the ranking, over every question of the corpus. */
function scores() {
  let precision = 0;
  let recall = 0;
  let questions = 0;
  for (const page of CORPUS) {
    const index = new PassageIndex(page.passages);
    for (const { question, relevant } of page.questions) {
      const ranking = index.rank(question);
      const ids = ranking.kind === 'match' ? ranking.order.map((i) => page.passages[i]!.id) : [];
      precision += ids.slice(0, 3).filter((id) => relevant.includes(id)).length / 3;
      recall += ids.slice(0, 5).filter((id) => relevant.includes(id)).length / relevant.length;
      questions++;
    }
  }
  // The best precision@3 possible: questions with one relevant passage can score at most 1/3.
  const ideal =
    CORPUS.flatMap((p) => p.questions).reduce((n, q) => n + Math.min(3, q.relevant.length) / 3, 0) /
    questions;
  return { precision: precision / questions, recall: recall / questions, ideal, questions };
}

describe('passage retrieval on the fixture corpus', () => {
  it('ranks the passages that answer each question first (precision@3, recall@5)', () => {
    const { precision, recall, ideal, questions } = scores();
    console.info(
      `retrieval over ${questions} questions: precision@3 ${precision.toFixed(3)} (best possible ${ideal.toFixed(3)}), recall@5 ${recall.toFixed(3)}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision / ideal).toBeGreaterThanOrEqual(0.75);
  });

  it('answers a question about the whole page with its beginning, and one the page never touches with nothing', () => {
    const index = new PassageIndex(CORPUS[0]!.passages);
    expect(index.rank('Summarise this page')).toEqual({ kind: 'lead' });
    expect(index.rank('What is this about?')).toEqual({ kind: 'lead' });
    expect(index.rank('Which volcano erupted in Iceland?')).toEqual({ kind: 'none' });
  });

  it('sends the hits with their neighbours, in page order, within the budget', () => {
    const passages = CORPUS[2]!.passages;
    const index = new PassageIndex(passages);
    const ranking = index.rank('What happened in the Carrow tunnel?');
    const chosen = packPassages(passages, ranking, 400);
    const ids = chosen.map((p) => Number(p.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids).toEqual(expect.arrayContaining([5, 6, 7]));
    expect(chosen.reduce((n, p) => n + passageLine(p).length + 1, 0)).toBeLessThanOrEqual(400);
  });

  it('cuts a single passage too long for the budget rather than sending none', () => {
    const long = [passageOf(1, 'river '.repeat(500))];
    const chosen = packPassages(long, new PassageIndex(long).rank('river'), 100);
    expect(chosen).toHaveLength(1);
    expect(passageLine(chosen[0]!).length).toBeLessThanOrEqual(100);
  });

  it('stems plurals and common endings', () => {
    expect(['rivers', 'pipes', 'descaling', 'steamed', 'batteries', 'boxes'].map(stem)).toEqual([
      'river',
      'pipe',
      'descal',
      'steam',
      'battery',
      'box',
    ]);
  });
});

describe('passageLine', () => {
  it('keeps the page’s own bracketed numbers from passing for citations', () => {
    const line = passageLine(
      passageOf(4, 'As [1] says, and see [B3] and [2, 5]; arrays[i] and [note] stay.'),
    );
    expect(line).toBe('[4] As (1) says, and see (B3) and (2, 5); arrays[i] and [note] stay.');
  });
});
