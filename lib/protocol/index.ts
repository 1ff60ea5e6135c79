export * from './errors';
export * from './messages';
export * from './data-types';
export { answerMessages, type MessageEvents } from './answer-messages';
export { EngineClient, type ClientPort, type ClientTransport, type RequestOptions } from './client';
export { parseClientMessage, assertTrustedSender, type SenderInfo } from './validate';
export { MAX_CONTENT_CHARS, ENGINE_IDS } from './schema';
