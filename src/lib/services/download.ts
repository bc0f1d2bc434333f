/** Hands data to the browser as a download, through a blob: URL (allowed by the CSP). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns; a large file needs a moment.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
