import { panelTask } from './panel-task';

/** Opens the side panel with the selection attached, ready for your question. */
export const askAbout = panelTask('ask-about', 'menu_ask_about', ['selection'], 'ask');
