/** Every user action, listed once; the service worker registers menus and commands from it. */
import { explainSelection } from './explain-selection';
import { askAbout } from './ask-about';
import { askAboutPdf } from './ask-about-pdf';
import { askTable } from './ask-table';
import { explain } from './explain';
import { openPanel } from './open-panel';
import { preset } from './preset';
import { rewrite } from './rewrite';
import { summarise } from './summarise';
import { summarisePage } from './summarise-page';
import { translate } from './translate';
import type { UserAction } from './types';

export const ACTIONS: readonly UserAction[] = [
  explain,
  summarise,
  translate,
  rewrite,
  askAbout,
  askAboutPdf,
  summarisePage,
  askTable,
  preset,
  explainSelection,
  openPanel,
];

/** Menu ids of presets are "preset:<id>", all served by the preset action. */
export const presetMenuId = (id: string) => `preset:${id}`;

export function findAction(id: string): UserAction | undefined {
  return ACTIONS.find((a) => a.id === (id.startsWith('preset:') ? 'preset' : id));
}
