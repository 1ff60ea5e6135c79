import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../protocol';
import type { PageContext } from '../page/page-context';
import { buildChatPrompt, type ChatPromptInput } from './chat-prompt';
import { CORPUS } from '../page/fixtures/retrieval-corpus';
import { passageOf } from '../page/passages';
import { PassageIndex } from '../page/retrieve-passages';

const page = (text: string): PageContext => ({
  url: 'https://news.example/a',
  title: 'News',
  lang: 'en',
  text,
  source: 'readable',
  fullChars: text.length,
  selection: null,
});
const LONG = page('A sentence of the article. '.repeat(3000));
const base: ChatPromptInput = {
  window: 2048,
  ratio: 3.5,
  answerTokens: 512,
  prior: [],
  question: 'What is this about?',
  page: LONG,
  attachment: null,
};
const turn = (q: string, a: string): ChatMessage[] => [
  { role: 'user', content: q },
  { role: 'assistant', content: a },
];

describe('buildChatPrompt', () => {
  it('puts the page at the same place, cut the same way, whatever the question and history', () => {
    const first = buildChatPrompt(base);
    const later = buildChatPrompt({
      ...base,
      prior: [...turn('What is this about?', 'An article.'), ...turn('Who wrote it?', 'Nobody knows.')],
      question: 'And a much longer question that goes on for a while about the details of the page?',
    });
    expect(first.fitted!.cut).toBe(true);
    expect(later.messages.slice(0, 3)).toEqual(first.messages.slice(0, 3));
    expect(later.messages.slice(3, 7).map((m) => m.content)).toEqual([
      'What is this about?',
      'An article.',
      'Who wrote it?',
      'Nobody knows.',
    ]);
  });

  it('keeps the previous cut of the page when the learnt ratio changes', () => {
    const first = buildChatPrompt(base);
    const previous = { messages: first.messages, answer: 'An article.', fitted: first.fitted };
    const regenerated = buildChatPrompt({ ...base, ratio: 5, previous });
    expect(regenerated.fitted).toBe(first.fitted);
    expect(regenerated.messages.slice(0, 3)).toEqual(first.messages.slice(0, 3));
    // Without the previous turn, the new ratio cuts the page elsewhere.
    expect(buildChatPrompt({ ...base, ratio: 5 }).fitted!.text).not.toBe(first.fitted!.text);
  });

  it('extends the previous prompt exactly: as sent, its answer, then the new question', () => {
    const first = buildChatPrompt({ ...base, attachment: 'the selected words' });
    const previous = { messages: first.messages, answer: 'An article.', fitted: first.fitted };
    const next = buildChatPrompt({
      ...base,
      prior: turn('What is this about?', 'An article.'),
      question: 'Who wrote it?',
      previous,
    });
    expect(next.messages).toEqual([
      ...first.messages,
      { role: 'assistant', content: 'An article.' },
      { role: 'user', content: 'Who wrote it?' },
    ]);
  });

  it('builds afresh when the history is not the previous turn, or the extension would not fit', () => {
    const first = buildChatPrompt(base);
    const previous = { messages: first.messages, answer: 'An article.', fitted: first.fitted };
    const edited = buildChatPrompt({
      ...base,
      prior: turn('What is this about?', 'Another answer.'),
      question: 'Who wrote it?',
      previous,
    });
    expect(edited.messages).toHaveLength(first.messages.length + 2);
    expect(edited.messages.at(-2)!.content).toBe('Another answer.');

    const longAnswer = 'word '.repeat(1500);
    const full = buildChatPrompt({
      ...base,
      prior: turn('What is this about?', longAnswer),
      question: 'Who wrote it?',
      previous: { ...previous, answer: longAnswer },
    });
    // Too long to extend: the page stays first, the long turn is dropped.
    expect(full.messages.slice(0, 3)).toEqual(first.messages.slice(0, 3));
    expect(full.messages.some((m) => m.content === longAnswer)).toBe(false);
  });

  it('gives the page less room only when the turn itself needs it', () => {
    const question = 'Explain this. '.repeat(200);
    const big = buildChatPrompt({ ...base, question });
    const small = buildChatPrompt(base);
    expect(big.fitted!.text.length).toBeLessThan(small.fitted!.text.length);
    const chars = big.messages.reduce((n, m) => n + m.content.length, 0);
    expect(chars / base.ratio).toBeLessThan(base.window - base.answerTokens);
  });
});

describe('buildChatPrompt with passages', () => {
  const rail = CORPUS[2]!.passages;
  const withPassages = (passages: typeof rail): PageContext => ({
    ...page(passages.map((p) => p.text).join('\n')),
    passages,
  });

  it('sends a page that fits as numbered passages inside the fence, and asks for citations', () => {
    const built = buildChatPrompt({ ...base, page: withPassages(rail) });
    const [system, pageMessage] = built.messages;
    expect(system!.content).toMatch(/cite the passages it relies on by their numbers/);
    expect(system!.content).toMatch(/say that the page does not say/);
    expect(pageMessage!.content).toMatch(
      /^The page:\n<page-text>\nTitle: News\nURL: .*\n\n\[1\] The Dunmore/,
    );
    expect(pageMessage!.content).toContain('\n[6] The hardest work was the Carrow tunnel');
    expect(pageMessage!.content.trimEnd().endsWith('</page-text>')).toBe(true);
    expect(built.fitted).toMatchObject({ cut: false, ids: rail.map((p) => p.id) });
  });

  it('sends only the passages that match the question when the page is too long, and never extends the last turn', () => {
    // The railway page, then many unrelated passages: far more than a 2,048-token window.
    const filler = Array.from({ length: 400 }, (_, i) =>
      passageOf(rail.length + i + 1, `Filler paragraph ${i} about gardening, weather and cooking at home.`),
    );
    const long = [...rail, ...filler];
    const ranking = new PassageIndex(long).rank('What happened in the Carrow tunnel?');
    const built = buildChatPrompt({ ...base, page: withPassages(long), ranking });
    expect(built.fitted).toMatchObject({ cut: true, matched: true });
    expect(built.fitted!.ids).toEqual(expect.arrayContaining(['5', '6', '7']));
    const ids = built.fitted!.ids!.map(Number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(built.messages[1]!.content).toContain('[6] The hardest work was the Carrow tunnel');

    const previous = { messages: built.messages, answer: 'Eleven navvies died [6].', fitted: built.fitted };
    const next = buildChatPrompt({
      ...base,
      page: withPassages(long),
      prior: turn('What happened in the Carrow tunnel?', 'Eleven navvies died [6].'),
      question: 'Who was the engineer?',
      ranking: new PassageIndex(long).rank('Who was the engineer?'),
      previous,
    });
    expect(next.fitted!.ids).toContain('5');
    expect(next.messages[1]).not.toEqual(built.messages[1]);
  });

  it('searches for a specific follow-up after a question about the whole page', () => {
    const filler = Array.from({ length: 400 }, (_, i) =>
      passageOf(rail.length + i + 1, `Filler paragraph ${i} about gardening, weather and cooking at home.`),
    );
    const long = withPassages([...filler, ...rail.map((p, i) => passageOf(401 + i, p.text))]);
    const index = new PassageIndex(long.passages!);
    const first = buildChatPrompt({
      ...base,
      page: long,
      question: 'Summarise.',
      ranking: index.rank('Summarise.'),
    });
    expect(first.fitted).toMatchObject({ cut: true });
    expect(first.fitted!.matched).toBeUndefined();
    const next = buildChatPrompt({
      ...base,
      page: long,
      prior: turn('Summarise.', 'A page about gardening.'),
      question: 'What happened in the Carrow tunnel?',
      ranking: index.rank('What happened in the Carrow tunnel?'),
      previous: { messages: first.messages, answer: 'A page about gardening.', fitted: first.fitted },
    });
    expect(next.fitted).toMatchObject({ matched: true });
    expect(next.messages[1]!.content).toContain('The hardest work was the Carrow tunnel');
  });

  it('says the page does not say when it is too long and nothing matches', () => {
    const long = Array.from({ length: 600 }, (_, i) =>
      passageOf(i + 1, `Paragraph ${i} about rivers and the sea.`),
    );
    const built = buildChatPrompt({ ...base, page: withPassages(long), ranking: { kind: 'none' } });
    expect(built.fitted).toMatchObject({ notOnPage: true, ids: [] });
  });
});
