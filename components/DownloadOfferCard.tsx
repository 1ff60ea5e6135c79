/** What a question needs before it can be answered: a model to download, with its size. */
import type { DownloadOffer } from '@/lib/chat/download-offer';

export interface DownloadOfferCardProps {
  offer: DownloadOffer;
  onDownload: () => void;
  onChooseAnother: () => void;
}

export function DownloadOfferCard({ offer, onDownload, onChooseAnother }: DownloadOfferCardProps) {
  const engine = offer.model.engine === 'webllm' ? 'WebLLM on the GPU' : 'llama.cpp';
  return (
    <section class="offer" data-testid="download-offer" aria-live="polite">
      <p>
        To answer “{offer.question.slice(0, 80)}
        {offer.question.length > 80 ? '…' : ''}”, <strong>{offer.model.id}</strong> needs to be on this device
        {offer.size ? ` (${offer.size} download, once for every site)` : ''}. It runs with {engine}; after the
        download nothing leaves this device.
      </p>
      {offer.error && (
        <p class="error" role="alert">
          {offer.error}
        </p>
      )}
      <div class="offer-actions">
        <button type="button" onClick={onDownload} disabled={offer.downloading}>
          {offer.downloading ? 'Downloading…' : offer.error ? 'Try again' : 'Download and answer'}
        </button>
        <button type="button" onClick={onChooseAnother} disabled={offer.downloading}>
          Choose another model
        </button>
      </div>
    </section>
  );
}
