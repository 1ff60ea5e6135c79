import { panelTask } from './panel-task';

/** Rewrites the selected text more clearly. */
export const rewrite = panelTask('rewrite', 'menu_rewrite', ['selection'], 'rewrite');
