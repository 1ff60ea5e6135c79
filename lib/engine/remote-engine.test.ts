import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiServer } from '../../tests/fixtures/openai-server';
import { AbortedError } from '../protocol';
import { listModels, remoteChat, type ProviderEndpoint } from './remote-engine';

let server: OpenAiServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const ask = (
  endpoint: ProviderEndpoint,
  model: string,
  signal = new AbortController().signal,
  remote = {},
) => {
  let streamed = '';
  return remoteChat(
    endpoint,
    model,
    { messages: [{ role: 'user', content: 'hello there world' }] },
    { signal, onDelta: (d) => (streamed += d) },
    remote,
  ).then((r) => ({ ...r, streamed }));
};

describe('remote providers (against a local OpenAI-compatible server)', () => {
  it('streams an answer, sending the key trimmed of whitespace', async () => {
    server = await startOpenAiServer({ apiKey: 'sk-test' });
    const r = await ask({ kind: 'openai', baseUrl: server.baseUrl, apiKey: '  sk-test \n' }, 'echo');
    expect(r).toMatchObject({
      text: 'hello there world',
      streamed: 'hello there world',
      finishReason: 'stop',
      promptTokens: 11,
    });
    expect(server.requests().at(-1)).toMatchObject({
      path: '/v1/chat/completions',
      model: 'echo',
      auth: 'Bearer sk-test',
    });
  });

  it('lists models the OpenAI way and the Ollama way', async () => {
    server = await startOpenAiServer();
    expect(await listModels({ kind: 'openai', baseUrl: server.baseUrl })).toEqual(['echo', 'hang', 'slow']);
    expect(await listModels({ kind: 'ollama', baseUrl: `${server.baseUrl}/` })).toEqual(['echo', 'slow']);
  });

  it('says what is wrong: bad key, rate limit, HTML error page, malformed chunk, cut stream, unreachable, hang', async () => {
    server = await startOpenAiServer({ apiKey: 'sk-right' });
    const wrong = { kind: 'openai' as const, baseUrl: server.baseUrl, apiKey: 'sk-wrong' };
    await expect(ask(wrong, 'echo')).rejects.toThrow(
      /refused the API key \(401\): the server says “Incorrect API key/,
    );
    const ok = { ...wrong, apiKey: 'sk-right' };
    await expect(ask(ok, 'ratelimit')).rejects.toThrow(/rate limiting requests \(429\); try again in 20 s/);
    await expect(ask(ok, 'html')).rejects.toThrow(/502.*web page, not the API/);
    await expect(ask(ok, 'malformed')).rejects.toThrow(/malformed chunk/);
    await expect(ask(ok, 'cut')).rejects.toThrow(/closed the connection before the answer was finished/);
    await expect(ask(ok, 'hang', undefined, { firstByteMs: 300 })).rejects.toThrow(
      /stopped answering \(timed out\)/,
    );
    await expect(ask({ kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1' }, 'echo')).rejects.toThrow(
      /Could not reach 127\.0\.0\.1:9/,
    );
  });

  it('refuses a redirect, caps what a server sends (lists, errors, answers) and quotes its words', async () => {
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => void (seen.push(req.url ?? ''), res.end('{}')));
    const redirecting = createServer((req, res) => {
      const to = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/api/pull`;
      res.writeHead(307, { location: to }).end();
    });
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(1000) } }] })}\n\n`;
      const pump = () => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      pump();
      res.on('close', () => res.removeAllListeners('drain'));
    });
    // A model list of 2 MB, and an error whose message is a page of text.
    const bloated = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/models')
        return res.end(JSON.stringify({ data: [{ id: 'x'.repeat(2 * 1024 * 1024) }] }));
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { message: `Call support now ${'!'.repeat(5000)}` } }));
    });
    const at = async (s: Server) => {
      await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`;
    };
    try {
      await at(elsewhere);
      const redirect = { kind: 'openai' as const, baseUrl: await at(redirecting) };
      await expect(ask(redirect, 'echo')).rejects.toThrow(/redirected this request.*does not follow/);
      await expect(listModels(redirect)).rejects.toThrow(/redirected/);
      expect(seen).toEqual([]);
      const bloat = { kind: 'openai' as const, baseUrl: await at(bloated) };
      await expect(listModels(bloat)).rejects.toThrow(/did not return a model list/);
      const said = await ask(bloat, 'echo').then(
        () => 'answered',
        (e: Error) => e.message,
      );
      expect(said).toMatch(/answered 500: the server says “Call support now !+…”/);
      expect(said.length).toBeLessThan(300);
      const flood = { kind: 'openai' as const, baseUrl: await at(endless) };
      await expect(ask(flood, 'echo', undefined, { maxBytes: 200_000 })).rejects.toThrow(/far more than/);
    } finally {
      for (const s of [elsewhere, redirecting, endless, bloated]) s.closeAllConnections();
      await Promise.all(
        [elsewhere, redirecting, endless, bloated].map((s) => new Promise((r) => s.close(r))),
      );
    }
  });

  it('cancelling closes the connection to the provider', async () => {
    server = await startOpenAiServer();
    const s = server;
    const controller = new AbortController();
    let streamed = '';
    const pending = remoteChat(
      { kind: 'openai', baseUrl: s.baseUrl },
      'slow',
      { messages: [{ role: 'user', content: 'x' }] },
      { signal: controller.signal, onDelta: (d) => (streamed += d) },
    );
    await expect.poll(() => streamed.length).toBeGreaterThan(5);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await expect.poll(() => s.closedEarly()).toBe(1);
  });
});
