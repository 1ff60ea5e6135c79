/** What a question needs before it can be answered: a model to download, with its size. */
import { Download } from 'lucide-preact';
import { t } from '@/lib/i18n/i18n';
import { tRich } from '@/lib/ui/rich-text';
import type { DownloadOffer } from '@/lib/chat/download-offer';

export interface DownloadOfferCardProps {
  offer: DownloadOffer;
  onDownload: () => void;
  onChooseAnother: () => void;
}

export function DownloadOfferCard({ offer, onDownload, onChooseAnother }: DownloadOfferCardProps) {
  const engine = offer.model.engine === 'webllm' ? t('offer_engine_webllm') : 'llama.cpp';
  const question = offer.question.slice(0, 80) + (offer.question.length > 80 ? '…' : '');
  const model = <strong>{offer.model.id}</strong>;
  return (
    <section class="offer" data-testid="download-offer" aria-live="polite">
      <p>
        {offer.size
          ? tRich('offer_text_sized', <bdi>{question}</bdi>, model, <bdi>{offer.size}</bdi>, engine)
          : tRich('offer_text', <bdi>{question}</bdi>, model, engine)}
      </p>
      {offer.error && (
        <p class="error" role="alert">
          {offer.error}
        </p>
      )}
      <div class="offer-actions">
        <button type="button" class="primary" onClick={onDownload} disabled={offer.downloading}>
          <Download size={16} aria-hidden="true" />
          {offer.downloading ? t('offer_downloading') : offer.error ? t('offer_retry') : t('offer_download')}
        </button>
        <button type="button" onClick={onChooseAnother} disabled={offer.downloading}>
          {t('offer_choose_another')}
        </button>
      </div>
    </section>
  );
}
