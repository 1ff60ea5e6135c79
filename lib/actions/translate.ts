import { panelTask } from './panel-task';

/** Translates the selected text into your answer language (the browser's by default). */
export const translate = panelTask('translate', 'menu_translate', ['selection'], 'translate');
