import { describe, expect, it } from 'vitest';
import { grantedOrigins } from './origin-rules';

describe('grantedOrigins', () => {
  it('keeps the servers granted at run time, not the content scripts’ wildcards nor this machine', () => {
    expect(
      grantedOrigins([
        'http://*/*',
        'https://*/*',
        'http://127.0.0.1/*',
        'http://localhost/*',
        'http://192.168.1.20:11434/*',
        'https://llm.team.example/*',
        'https://*.example.com/*',
        '<all_urls>',
      ]),
    ).toEqual(['http://192.168.1.20:11434', 'https://llm.team.example']);
  });
});
