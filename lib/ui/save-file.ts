/** Offers text to the user as a file download: the exports (CSV, JSON) of the side panel. */

/** Offers `text` to the user as a file download named `name`. */
export type SaveFile = (name: string, text: string, type: string) => void;

export const saveFile: SaveFile = (name, text, type) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  // The download has started by then; the object URL is not needed after.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
