/**
 * What leaves the page for the user's files and browser, in one place: in a browser tab a download, a file picker and
 * a new tab; under Electron the shell's save and open dialogs and the system browser take these over (the page cannot
 * open windows there: navigation and window.open are denied), so these three functions are the hook to replace.
 */

/** Offers `text` as a file download named `name`. */
export function saveTextFile(name: string, text: string, type: string): void {
  saveBlob(name, new Blob([text], { type }));
}

/** Offers `bytes` as a file download named `name` (a capture file: Wireshark opens it by its extension). */
export function saveBytes(name: string, bytes: Uint8Array, type: string): void {
  saveBlob(name, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the object URL would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Asks for a file and resolves with its name and text; null when the user cancels. */
export function openTextFile(accept: string): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      file.text().then((text) => resolve({ name: file.name, text }), reject);
    });
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Opens the mini server's page in the user's browser: a new tab with no link back to this one. */
export function openInBrowser(url: string): void {
  window.open(url, '_blank', 'noopener,noreferrer');
}
