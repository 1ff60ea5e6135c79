// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@/tests/fixtures/render-hook';
import { TOAST_MS, useToast } from './use-toast';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useToast', () => {
  it('shows one message, replaces it with the next, and hides it after TOAST_MS', () => {
    const { result, unmount } = renderHook(() => useToast(), undefined);
    expect(result.current.message).toBeNull();
    void act(() => result.current.show('Copied'));
    expect(result.current.message).toBe('Copied');
    void act(() => {
      vi.advanceTimersByTime(TOAST_MS - 500);
    });
    void act(() => result.current.show('Copied again'));
    // The second toast gets its own full time: the first one's timer does not cut it short.
    void act(() => {
      vi.advanceTimersByTime(TOAST_MS - 100);
    });
    expect(result.current.message).toBe('Copied again');
    void act(() => {
      vi.advanceTimersByTime(200);
    });
    expect(result.current.message).toBeNull();
    unmount();
  });

  it('goes at once when dismissed', () => {
    const { result, unmount } = renderHook(() => useToast(), undefined);
    void act(() => result.current.show('Copied'));
    void act(() => result.current.dismiss());
    expect(result.current.message).toBeNull();
    unmount();
  });
});
