/**
 * "Ask the tables" as the side panel runs it: reads the page's tables through the content
 * script, registers them in the host's DuckDB, asks through the shared engine (queued like
 * any other request, under the schema grammar), and keeps the conversation for follow-ups.
 */
import { type EngineClient, type ExtractedTable, type PageContent, type QueryResult } from '../protocol';
import type { Routed } from '../models/resolve-model';
import type { PageBridge } from '../page/page-bridge';
import { mayShare, runLabel, siteOfUrl, type ConsentChoice, type ConsentStore } from '../providers/consent';
import { askTables, type SqlAnswer, type Stage } from './ask-tables';
import type { SqlTurn } from './schema-prompt';

export class TableSession {
  private tables: ExtractedTable[] = [];
  private history: SqlTurn[] = [];
  private scopeId = '';
  /** Tokens/s of the last generation: sampling several candidates only pays off on a fast engine. */
  private speed = 0;

  constructor(
    private readonly client: EngineClient,
    private readonly page: PageBridge,
    private readonly model: () => Promise<Routed>,
    private readonly consents: ConsentStore = { allowed: async () => false, allow: async () => {} },
  ) {}

  /** Reads the page's tables and loads them into DuckDB. */
  async load(): Promise<ExtractedTable[]> {
    this.scopeId = await this.page.scope();
    const { tables } = await this.page.ask('extract-tables', {});
    await this.client.request('sql.register', { scope: this.scopeId, tables });
    this.tables = tables;
    this.history = [];
    return tables;
  }

  highlight(index: number | null): void {
    void this.page.ask('highlight-table', { index }).catch(() => {});
  }

  /** Asks a question of `only` these tables (all when omitted), keeping earlier turns as context. */
  async ask(
    question: string,
    options: {
      only?: number[];
      onStage?: (s: Stage) => void;
      signal?: AbortSignal;
      confirm?: (provider: string, site: string) => Promise<ConsentChoice>;
    } = {},
  ): Promise<SqlAnswer & { run?: string }> {
    const { model, note } = await this.model();
    // Table contents are page content: a provider off this device gets them only with consent,
    // which the host checks against what each request declares.
    const site = await this.page
      .ask('page-url', {})
      .then(siteOfUrl)
      .catch(() => 'this page');
    let pageContent: PageContent | null = { site };
    if (model.engine === 'remote' && model.url) {
      const provider = new URL(model.url).host;
      const ask = options.confirm ?? (async () => 'no' as const);
      const grantOnce = async () => (await this.client.request('consent.once', { site, provider })).grant;
      pageContent = await mayShare(this.consents, site, provider, () => ask(provider, site), grantOnce);
      if (!pageContent) {
        return {
          kind: 'cannot-answer',
          message: `Kept on this device: the tables were not sent to ${provider}. Pick a local model for tables in Settings.`,
        };
      }
    }
    let timing = { firstTokenMs: 0, tokensPerSecond: 0 };
    const tables = options.only?.length
      ? this.tables.filter((t) => options.only!.includes(t.index))
      : this.tables;
    if (!tables.length) return { kind: 'cannot-answer', message: 'This page has no tables to ask about.' };
    const answer = await askTables(
      question,
      tables,
      {
        generate: async (messages, o) => {
          const r = await this.client.request(
            'chat',
            {
              model,
              messages,
              max_tokens: o.maxTokens,
              temperature: o.temperature,
              pageContent,
              ...(o.grammar ? { response_format: { type: 'grammar' as const, grammar: o.grammar } } : {}),
            },
            { signal: options.signal },
          );
          this.speed = r.timing.tokensPerSecond;
          timing = r.timing;
          return r.text;
        },
        backend: {
          check: async (sql) => (await this.client.request('sql.check', { scope: this.scopeId, sql })).sql,
          run: (sql) => this.client.request('sql.run', { scope: this.scopeId, sql, limit: 10_000 }),
        },
      },
      // Vote among three candidates only where the engine writes quickly.
      { history: this.history, samples: this.speed > 40 ? 3 : 1, onStage: options.onStage },
    );
    if (answer.kind === 'answer') this.history.push({ question, sql: answer.sql });
    return { ...answer, run: runLabel(model, timing, note) };
  }

  /** Runs SQL the user edited. */
  run(sql: string): Promise<QueryResult> {
    return this.client.request('sql.run', { scope: this.scopeId, sql, limit: 10_000 });
  }
}
