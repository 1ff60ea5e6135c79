import { describe, expect, it } from 'vitest';
import { chatStreamReader } from './openai-stream';

const event = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
const delta = (content: string) => event({ choices: [{ delta: { content }, finish_reason: null }] });
const STREAM = [
  delta('Hel'),
  delta('lo'),
  delta(' world'),
  event({
    choices: [{ delta: {}, finish_reason: 'stop' }],
    usage: { prompt_tokens: 7, completion_tokens: 3 },
  }),
  event('[DONE]'),
].join('');

function read(pieces: string[]) {
  const deltas: string[] = [];
  const reader = chatStreamReader((d) => deltas.push(d));
  for (const p of pieces) reader.feed(p);
  return { result: reader.end(), deltas };
}

describe('chatStreamReader', () => {
  it('reads a stream however it is split: every byte apart, or all in one piece', () => {
    for (const pieces of [
      [STREAM],
      STREAM.split(''),
      STREAM.match(/[\s\S]{1,7}/g)!,
      STREAM.split(/(?<=\n)/),
    ]) {
      const { result, deltas } = read(pieces);
      expect(deltas.join('')).toBe('Hello world');
      expect(result).toEqual({
        text: 'Hello world',
        finishReason: 'stop',
        promptTokens: 7,
        completionTokens: 3,
      });
    }
  });

  it('handles CRLF framing and comments', () => {
    const crlf = `: keep-alive\r\n\r\n${STREAM.replace(/\n/g, '\r\n')}`;
    expect(read([crlf]).result.text).toBe('Hello world');
  });

  it('fails clearly on a malformed chunk, an error event, and a stream cut short', () => {
    expect(() => read([delta('a'), 'data: {not json\n\n'])).toThrow(/malformed chunk/);
    expect(() => read([event({ error: { message: 'Rate limit reached' } })])).toThrow(/Rate limit reached/);
    expect(() => read([delta('partial')])).toThrow(/closed the connection before the answer was finished/);
  });
});
