/**
 * ShellBridge in the browser host: there is no native menu (the page handles its own keyboard
 * shortcuts) and no main process pushing imports, so onShellEvent never fires; "save as" is
 * a download.
 */
import type { SaveFileRequest, ShellBridge } from '../../core/channels.ts';

export function createBrowserShell(): ShellBridge {
  return {
    onShellEvent: () => () => {},
    async saveTextFile(request: SaveFileRequest) {
      const type = /\.html?$/i.test(request.suggestedName) ? 'text/html' : 'text/plain';
      const url = URL.createObjectURL(new Blob([request.text], { type: `${type};charset=utf-8` }));
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
  };
}
