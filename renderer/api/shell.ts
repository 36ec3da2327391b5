/**
 * ShellBridge in the browser host: there is no native menu (the page handles its own keyboard
 * shortcuts) and no main process pushing imports, so onShellEvent never fires; "save as" is
 * a download; the clipboard is the page's own navigator.clipboard.
 */
import type { ClipboardPayload, SaveFileRequest, ShellBridge } from '../../core/channels.ts';

/**
 * text/plain and text/html in one clipboard item (Word/WPS paste the HTML, editors the text);
 * where ClipboardItem is missing (older browsers) or refused, the text alone.
 */
export async function writeBrowserClipboard(payload: ClipboardPayload): Promise<boolean> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  if (!clipboard) return false;
  if (payload.html !== undefined && typeof ClipboardItem !== 'undefined' && typeof clipboard.write === 'function') {
    try {
      const parts: Record<string, Blob> = {
        'text/plain': new Blob([payload.text], { type: 'text/plain' }),
        'text/html': new Blob([payload.html], { type: 'text/html' }),
      };
      await clipboard.write([new ClipboardItem(parts)]);
      return true;
    } catch {
      // fall through to plain text
    }
  }
  try {
    await clipboard.writeText(payload.text);
    return true;
  } catch {
    return false;
  }
}

export function createBrowserShell(): ShellBridge {
  return {
    onShellEvent: () => () => {},
    async saveTextFile(request: SaveFileRequest) {
      const type = /\.html?$/i.test(request.suggestedName) ? 'text/html' : 'text/plain';
      const blob = request.bytes
        ? new Blob([request.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' })
        : new Blob([request.text], { type: `${type};charset=utf-8` });
      const url = URL.createObjectURL(blob);
      try {
        const link = document.createElement('a');
        link.href = url;
        link.download = request.suggestedName;
        link.rel = 'noopener';
        document.body.append(link);
        link.click();
        link.remove();
      } finally {
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
      return true;
    },
    writeClipboard: writeBrowserClipboard,
  };
}
