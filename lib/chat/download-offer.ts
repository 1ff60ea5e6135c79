/**
 * A question asked while its model is not on this device: instead of fetching weights behind
 * the user's back, the panel says what is needed and offers the download (through the verified,
 * resumable downloader); the question is kept and asked once the model is here.
 */
import { t } from '../i18n/i18n';
import { errorMessage, type ModelRef } from '../protocol';
import { approxDownloadMB } from '../models/catalog';
import type { TaskKind } from '../settings/storage-items';

export interface DownloadOffer {
  model: ModelRef;
  /** The question to ask once the model is here. */
  question: string;
  kind: TaskKind;
  /** "≈ 720 MB", or null for a model the catalog does not know. */
  size: string | null;
  downloading: boolean;
  /** Why the last download failed, with what to do. */
  error: string | null;
}

export function offerFor(model: ModelRef, question: string, kind: TaskKind): DownloadOffer {
  return { model, question, kind, size: downloadSize(model), downloading: false, error: null };
}

/** "≈ 720 MB" or "≈ 2.1 GB"; null for a model the catalog does not know. */
export function downloadSize(model: ModelRef): string | null {
  const mb = approxDownloadMB(model);
  return mb === null ? null : mb >= 1000 ? `≈ ${(mb / 1000).toFixed(1)} GB` : `≈ ${mb} MB`;
}

/**
 * Downloads the offered model, showing each step through `show`; true when it is on this device.
 * A failed download keeps the offer (and the question) with the reason, to try again.
 */
export async function takeOffer(
  offer: DownloadOffer,
  download: (model: ModelRef) => Promise<unknown>,
  show: (offer: DownloadOffer | null) => void,
): Promise<boolean> {
  show({ ...offer, downloading: true, error: null });
  try {
    await download(offer.model);
  } catch (error) {
    show({
      ...offer,
      downloading: false,
      error: t('offer_download_failed', errorMessage(error)),
    });
    return false;
  }
  show(null);
  return true;
}
