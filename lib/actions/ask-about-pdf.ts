import type { UserAction } from './types';

/**
 * "Ask about this PDF" on a right-clicked link to a PDF: opens the side panel with the PDF as the
 * chat's page (read inside the extension, see lib/pdf), ready for the question.
 */
export const askAboutPdf: UserAction = {
  id: 'ask-about-pdf',
  title: 'menu_ask_about_pdf',
  contexts: ['link'],
  targetUrlPatterns: ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*'],
  async run(target, services) {
    // Open first: Chrome only lets the panel open while the click's user gesture lasts.
    const opening = services.openSidePanel(target.tabId);
    if (!target.linkUrl) throw new Error('Ask about this PDF needs the address of a PDF link.');
    await services.setPanelRequest({ view: 'chat', tabId: target.tabId, pdfUrl: target.linkUrl });
    await opening;
  },
};
