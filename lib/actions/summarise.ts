import { panelTask } from './panel-task';

/** Summarises the selected text in the side panel. */
export const summarise = panelTask('summarise', 'Summarise', ['selection'], 'summarise');
