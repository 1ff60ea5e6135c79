import { describe, expect, it } from 'vitest';
import { BadRequestError, EngineUnavailableError, ForbiddenError } from '../protocol';
import { PROVIDER_PRESETS } from './presets';
import { originPattern, providerOrigin, requirePermitted, usableEndpoint } from './provider-policy';

const LAN = 'http://192.168.1.20:11434/v1';
const endpoint = { kind: 'ollama' as const, baseUrl: LAN };

describe('providerOrigin', () => {
  it('takes any http(s) server: this machine, the LAN, any cloud host', () => {
    expect(providerOrigin(LAN)).toBe('http://192.168.1.20:11434');
    expect(providerOrigin(' https://llm.team.example/openai/v1 ')).toBe('https://llm.team.example');
    expect(providerOrigin('http://localhost:1234/v1')).toBe('http://localhost:1234');
    expect(originPattern(providerOrigin(LAN))).toBe('http://192.168.1.20:11434/*');
  });

  it('refuses what is not an http(s) URL, or carries credentials, saying what to type', () => {
    expect(() => providerOrigin('192.168.1.20:11434')).toThrow(BadRequestError);
    expect(() => providerOrigin('ftp://files.example/v1')).toThrow(/must start with http:\/\/ or https:\/\//);
    expect(() => providerOrigin('https://me:secret@api.example/v1')).toThrow(/API key in its own field/);
  });
});

describe('usableEndpoint', () => {
  it('allows a provider the user added whose origin is permitted', () => {
    expect(usableEndpoint(LAN, { endpoint, permitted: true })).toBe(endpoint);
  });

  it('refuses an added provider whose permission was revoked, saying how to grant it again', () => {
    expect(() => usableEndpoint(LAN, { endpoint, permitted: false })).toThrow(ForbiddenError);
    expect(() => usableEndpoint(LAN, { endpoint, permitted: false })).toThrow(
      'Permission to reach http://192.168.1.20:11434 was revoked, so Local AI does not use that provider. Grant it again in Settings → Providers, or pick another model.',
    );
  });

  it('refuses a provider that was never added, permitted or not', () => {
    for (const permitted of [true, false])
      expect(() => usableEndpoint(LAN, { endpoint: null, permitted })).toThrow(EngineUnavailableError);
  });
});

describe('requirePermitted', () => {
  it('lets a connection test reach only a granted origin', () => {
    expect(() => requirePermitted(LAN, true)).not.toThrow();
    expect(() => requirePermitted(LAN, false)).toThrow(
      'Local AI may not reach http://192.168.1.20:11434 yet: add the server in Settings → Providers and allow access when the browser asks.',
    );
    expect(() => requirePermitted('file:///etc/passwd', true)).toThrow(BadRequestError);
  });
});

describe('PROVIDER_PRESETS', () => {
  it('suggests servers the policy accepts: clouds over https, local servers on this machine', () => {
    for (const preset of PROVIDER_PRESETS) {
      const url = new URL(providerOrigin(preset.baseUrl));
      expect(url.protocol === 'https:' || url.hostname === 'localhost', preset.name).toBe(true);
      expect(preset.baseUrl).toMatch(/\/v1$/);
    }
  });
});
