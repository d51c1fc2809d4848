/**
 * Saves `file` under `fileName` through a temporary link. Files come from the API with the
 * session's bearer token, never a cookie, so a plain link to the API cannot download them.
 */
export function saveFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The browser reads the blob after this task; revoking at once can cancel the save.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
