/**
 * Retrieval on a long page: indexing a 1 MB page's passages and answering one question (rank and
 * pack within a window's budget), as the side panel does for a question about a page longer than
 * the model's window. Pure code: measured here in Node, on the same machine as the rest.
 */
import { passageOf, type Passage } from '../../lib/page/passages';
import { PassageIndex, packPassages } from '../../lib/page/retrieve-passages';
import { summarize, type Measure } from '../stats';

const WORDS = (
  'river water valley delta sediment flood bridge mill coal railway station tunnel engineer village ' +
  'harbour market church school council road canal lock weir meadow forest quarry farm cattle wheat ' +
  'summer winter storm drought reservoir pipe pump filter treatment pressure meter price bill tariff'
).split(' ');

/** About 1 MB of passages: sentences of varied words, a few hundred characters each. */
export function megabytePage(): Passage[] {
  const passages: Passage[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  let total = 0;
  for (let i = 1; total < 1_000_000; i++) {
    const words = Array.from({ length: 40 + (next() % 40) }, () => WORDS[next() % WORDS.length]);
    const text = `Paragraph ${i}: ${words.join(' ')}.`;
    passages.push(passageOf(i, text));
    total += text.length;
  }
  return passages;
}

export function measureRetrieval(reps: number): Measure {
  const passages = megabytePage();
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const index = new PassageIndex(passages);
    const chosen = packPassages(passages, index.rank('Why did the tunnel flood near the quarry?'), 12_000);
    times.push(performance.now() - t0);
    if (!chosen.length) throw new Error('retrieval found nothing on the 1 MB page');
  }
  return summarize(
    'retrieval_1mb_ms',
    'Index a 1 MB page’s passages (BM25, MiniSearch) and pick the passages for one question',
    times,
    'ms',
    '≤ 150',
    `${passages.length} passages, in Node`,
  );
}
