import { panelTask } from './panel-task';

/** Explains the selected text in the side panel. */
export const explain = panelTask('explain', 'menu_explain', ['selection'], 'explain');
