/**
 * The plain data the settings hold. Types only, so views can name them without pulling in the
 * storage items (and with them the extension's storage API).
 */
import type { ChatMessage, ModelRef } from '../protocol';

/** A menu task: each is one user action (see lib/actions). */
export type TaskId = 'explain' | 'summarise' | 'translate' | 'rewrite' | 'ask' | 'summarise-page' | 'preset';

/** The side panel's views, one tab each. */
export type PanelView = 'chat' | 'tables' | 'models' | 'settings';

/** What the side panel should show when it opens: set by actions, taken by the panel. */
export interface PanelRequest {
  view: Extract<PanelView, 'tables' | 'chat'>;
  tabId: number;
  tableIndex?: number | null;
  /** A task to start at once on `selection` (or on the page). */
  task?: TaskId;
  selection?: string;
  presetId?: string;
  /** A conversation to carry over (from the answer bubble). */
  conversation?: ChatMessage[];
  /** A PDF to talk about instead of the tab's page (a right-clicked link). */
  pdfUrl?: string;
}

/** Kinds of task that can each have their own model; a task without one uses the active model. */
export type TaskKind = 'chat' | 'summarise' | 'translate' | 'sql';

/** A model per kind of task. */
export type TaskModels = Partial<Record<TaskKind, ModelRef>>;

export interface Preset {
  id: string;
  title: string;
  /** The instruction; the selected text is attached as quoted data. */
  prompt: string;
}

/** A model server the user added: Ollama or any OpenAI-compatible endpoint. */
export interface Provider {
  id: string;
  name: string;
  kind: 'openai' | 'ollama';
  /** OpenAI-style base URL, ending in /v1. */
  baseUrl: string;
  /** Kept in local extension storage only: never synced, sent only to this provider. */
  apiKey?: string;
  models: string[];
}

/** Local first: a provider model to answer when the local model cannot, and when to use it. */
export interface Fallback {
  model: ModelRef | null;
  whenNoWebGpu: boolean;
  whenDownloading: boolean;
  whenTooLong: boolean;
}

/** The user's lasting decision on a web page's origin for the page API (Settings lists them). */
export interface SiteDecision {
  decision: 'always' | 'never';
  /** Whether a provider off this device may answer for this site: a separate choice, off by default. */
  providers: boolean;
  decidedAt: number;
}

/** An origin that asked to use the page API and waits for the user's decision in the side panel. */
export interface PendingSite {
  origin: string;
  at: number;
}

/** What the user typed for a provider not saved yet. */
export interface ProviderDraft {
  name: string;
  kind: Provider['kind'];
  baseUrl: string;
  apiKey: string;
}
