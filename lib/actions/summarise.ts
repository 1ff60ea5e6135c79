import { panelTask } from './panel-task';

/** Summarises the selected text in the side panel. */
export const summarise = panelTask('summarise', 'menu_summarise', ['selection'], 'summarise');
