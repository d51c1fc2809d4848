/** A file an element saved, by its name and the object URL of its contents. */
export interface SavedFile {
  name: string;
  url: string;
}

/**
 * Records the files that elements save through a temporary link, instead of letting the
 * browser download them. Call `restore` when done.
 */
export function captureSaves(): { files: SavedFile[]; restore: () => void } {
  const files: SavedFile[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    if (this.download) files.push({ name: this.download, url: this.href });
    else click.call(this);
  };
  return {
    files,
    restore: () => {
      HTMLAnchorElement.prototype.click = click;
    },
  };
}
