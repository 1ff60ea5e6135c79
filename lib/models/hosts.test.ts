import { describe, expect, it } from 'vitest';
import { CONNECT_SOURCES, isLoopbackHost, isModelUrl } from './hosts';

describe('isLoopbackHost', () => {
  it('knows this machine by name and address only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('192.168.1.2')).toBe(false);
  });
});

describe('CONNECT_SOURCES', () => {
  it('allows http and https generally (the host policy decides), and nothing else', () => {
    expect(CONNECT_SOURCES).toEqual(["'self'", 'http:', 'https:']);
  });

  it('leaves model downloads to the model hosts and this machine, whatever the CSP allows', () => {
    expect(isModelUrl('https://huggingface.co/org/repo/resolve/main/m.gguf')).toBe(true);
    expect(isModelUrl('http://localhost:8080/m.gguf')).toBe(true);
    // A LAN server or any cloud host a provider may use is still not a model host.
    expect(isModelUrl('http://192.168.1.20:11434/m.gguf')).toBe(false);
    expect(isModelUrl('https://api.openai.com/m.gguf')).toBe(false);
    expect(isModelUrl('not a url')).toBe(false);
  });
});
