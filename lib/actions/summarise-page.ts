import { panelTask } from './panel-task';

/** Summarises the whole page, in parts when it is longer than the model's context window. */
export const summarisePage = panelTask('summarise-page', 'menu_summarise_page', ['page'], 'summarise-page');
