/**
 * Servers people often add, offered as suggestions in Settings → Providers: picking one fills in
 * its kind and base URL. A suggestion, not a list of what is allowed: any http(s) server the user
 * names can be added, with its origin's permission asked for at that moment.
 */
import type { Provider } from '../settings/types';

export interface ProviderPreset {
  name: string;
  kind: Provider['kind'];
  baseUrl: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { name: 'Ollama', kind: 'ollama', baseUrl: 'http://localhost:11434/v1' },
  { name: 'LM Studio', kind: 'openai', baseUrl: 'http://localhost:1234/v1' },
  { name: 'llama.cpp server', kind: 'openai', baseUrl: 'http://localhost:8080/v1' },
  { name: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1' },
  { name: 'OpenRouter', kind: 'openai', baseUrl: 'https://openrouter.ai/api/v1' },
  { name: 'Groq', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v1' },
  { name: 'Together', kind: 'openai', baseUrl: 'https://api.together.xyz/v1' },
  { name: 'Mistral', kind: 'openai', baseUrl: 'https://api.mistral.ai/v1' },
  { name: 'DeepSeek', kind: 'openai', baseUrl: 'https://api.deepseek.com/v1' },
  { name: 'Fireworks', kind: 'openai', baseUrl: 'https://api.fireworks.ai/inference/v1' },
];
