/**
 * The browser's host permissions for provider origins, as the side panel uses them: asked for
 * from the user's click, checked, given back, and followed when they change anywhere (Settings,
 * or the browser's own extension settings).
 */
import { browser } from 'wxt/browser';
import { isLoopbackHost } from '../models/hosts';
import { originPattern } from './provider-policy';

export interface OriginPermissions {
  /**
   * Asks the browser for `origin` (it prompts the user where it is not granted yet). Call it
   * synchronously from the click: the browser refuses requests outside a user gesture.
   */
  request(origin: string): Promise<boolean>;
  contains(origin: string): Promise<boolean>;
  /**
   * Gives `origin` back; false where the browser keeps it. (This machine's origins are in the
   * manifest: nothing to give back.) Chrome refuses to remove any origin where the extension's content scripts run
   * (every http(s) page here: it counts those as required), so it keeps a granted LAN or cloud
   * origin until the user takes it back in the browser's site access settings.
   */
  remove(origin: string): Promise<boolean>;
  /** Calls `listener` whenever host permissions are granted or revoked; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function browserOriginPermissions(): OriginPermissions {
  const { permissions } = browser;
  return {
    request: (origin) => permissions.request({ origins: [originPattern(origin)] }),
    contains: (origin) => permissions.contains({ origins: [originPattern(origin)] }),
    async remove(origin) {
      // Required permissions cannot be removed (the browser throws): loopback is in the manifest.
      const url = new URL(origin);
      // Nothing to give back: this machine is in the manifest, never asked for at run time.
      if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return true;
      try {
        return await permissions.remove({ origins: [originPattern(origin)] });
      } catch {
        // "You cannot remove required permissions": see above. The host stops using the provider
        // anyway, because it is no longer added.
        return false;
      }
    },
    onChange(listener) {
      const changed = () => listener();
      permissions.onAdded.addListener(changed);
      permissions.onRemoved.addListener(changed);
      return () => {
        permissions.onAdded.removeListener(changed);
        permissions.onRemoved.removeListener(changed);
      };
    },
  };
}
