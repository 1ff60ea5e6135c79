/**
 * Retrieval for pages longer than the model's window: the passages that match a question
 * (BM25, through MiniSearch), in page order, each with its neighbours, within a budget. A
 * question about the page as a whole ("summarise", "what is this about?") gets the page from the
 * start instead, and one whose words the page never uses gets nothing: then the page does not say.
 */
import MiniSearch from 'minisearch';
import type { Passage } from './passages';

/** Words that say nothing about which passage is meant (function words, and "page" itself). */
const STOP_WORDS = new Set(
  (
    'a about above after again all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has ' +
    'have having he her here hers herself him himself his how i if in into is it its itself just me ' +
    'more most my myself no nor not now of off on once only or other our ours out over own please ' +
    'same say says said she should so some such tell than that the their theirs them then there these ' +
    'they this those through to too under until up very was we were what when where which while who ' +
    'whom why will with would you your yours page pages article text document site website mention ' +
    'mentions mentioned explain describe give show list know'
  ).split(' '),
);

/** Questions about the whole page: they get its beginning, not a search. */
const WHOLE_PAGE = /\b(summar(y|i[sz]e)|overview|tl;?dr|gist|main (points?|ideas?)|key (points?|ideas?))\b/i;

/** A light English stemmer: plurals and the commonest verb endings, so "rivers" finds "river". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  const last = w.at(-1);
  // Most words end otherwise: the index calls this for every word of the page.
  if (last !== 's' && last !== 'g' && last !== 'd') return w;
  w = w.replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  return STOP_WORDS.has(t) || t.length < 2 ? null : stem(t);
}

/** How to choose passages for a question: from the start, by match (best first), or none at all. */
export type Ranking = { kind: 'lead' } | { kind: 'match'; order: number[] } | { kind: 'none' };

/** A page's passages, indexed once (per page) and searched per question. */
export class PassageIndex {
  private readonly search: MiniSearch<{ i: number; text: string }>;

  constructor(readonly passages: Passage[]) {
    this.search = new MiniSearch({ fields: ['text'], idField: 'i', processTerm });
    this.search.addAll(passages.map((p, i) => ({ i, text: p.text })));
  }

  rank(question: string): Ranking {
    const terms = question.split(/[\s\p{P}]+/u).filter((t) => processTerm(t));
    if (WHOLE_PAGE.test(question) || !terms.length) return { kind: 'lead' };
    const hits = this.search.search(question, {
      combineWith: 'OR',
      prefix: (term) => term.length >= 5,
      fuzzy: (term) => (term.length >= 7 ? 0.15 : false),
    });
    return hits.length ? { kind: 'match', order: hits.map((h) => h.id as number) } : { kind: 'none' };
  }
}

/**
 * A passage as the prompt shows it: its id in brackets (what the answer cites), a PDF passage's
 * page, then its text.
 */
export const passageLine = (p: Passage) =>
  `[${p.id}] ${p.page ? `(page ${p.page}) ` : ''}${uncitable(p.text)}`;

/**
 * A page's own bracketed numbers ("[1]", "[B3]", "[2, 4]": footnotes, or a page faking a source)
 * in round brackets: only the ids we put before passages look like citations, so a line of one
 * page or tab cannot pass itself off as another's passage when the answer cites it.
 */
export const uncitable = (text: string) =>
  text.replace(/\[(\s*[A-Za-z]?\d{1,7}(?:\s*[,;]\s*[A-Za-z]?\d{1,7})*\s*)\]/g, '($1)');

/**
 * The passages to send, in page order, within `budget` characters of lines: for a match, each hit
 * (best first) with the passages just before and after it; from the start otherwise. A single
 * passage too long for the budget is cut rather than leaving the prompt without any.
 */
export function packPassages(passages: Passage[], ranking: Ranking, budget: number): Passage[] {
  const chosen = new Map<number, Passage>();
  let used = 0;
  const add = (i: number): boolean => {
    const p = passages[i];
    if (!p || chosen.has(i)) return true;
    const cost = passageLine(p).length + 1;
    if (used + cost > budget) return false;
    chosen.set(i, p);
    used += cost;
    return true;
  };
  if (ranking.kind === 'lead') {
    for (let i = 0; i < passages.length && add(i); i++);
  } else if (ranking.kind === 'match') {
    for (const i of ranking.order) if (add(i)) [i - 1, i + 1].forEach(add);
  }
  const first = ranking.kind === 'match' ? ranking.order[0] : 0;
  if (!chosen.size && first !== undefined && passages[first]) {
    const p = passages[first];
    chosen.set(first, { ...p, text: p.text.slice(0, Math.max(0, budget - p.id.length - 4)) });
  }
  return [...chosen.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
}
