import { panelTask } from './panel-task';

/** Runs one of your prompt presets (Settings) on the selection; each preset is its own menu item. */
export const preset = panelTask('preset', 'menu_preset', ['selection'], 'preset');
