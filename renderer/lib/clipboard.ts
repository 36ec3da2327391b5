/**
 * Writes text/plain and text/html together: through the host first (Electron clipboard),
 * else through navigator.clipboard (browser host).
 */
import type { ArchiveApi, ClipboardPayload, ExportFormat } from '../../core/api.ts';
import type { TableId } from '../../core/spec.ts';

export async function writeClipboard(api: ArchiveApi, payload: ClipboardPayload): Promise<boolean> {
  let written = false;
  try {
    written = await api.writeClipboard(payload);
  } catch {
    written = false;
  }
  if (written) return true;
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  if (!clipboard) return false;
  try {
    if (typeof ClipboardItem !== 'undefined' && clipboard.write) {
      const parts: Record<string, Blob> = { 'text/plain': new Blob([payload.text], { type: 'text/plain' }) };
      if (payload.html) parts['text/html'] = new Blob([payload.html], { type: 'text/html' });
      await clipboard.write([new ClipboardItem(parts)]);
      return true;
    }
    await clipboard.writeText(payload.text);
    return true;
  } catch {
    return false;
  }
}

export type CopyFormat = 'text' | 'html' | 'tsv' | 'markdown';
export const COPY_FORMATS: CopyFormat[] = ['text', 'html', 'tsv', 'markdown'];

export interface CopyScope {
  id: string;
  chapter?: string;
  table?: TableId;
}

/**
 * What one "Copy as …" click puts on the clipboard: text/plain in the chosen format, and the
 * HTML rendering as text/html so that Word/WPS get a real table whatever was chosen.
 */
export async function copyPayload(api: ArchiveApi, scope: CopyScope, format: CopyFormat): Promise<ClipboardPayload> {
  const exportAs = (f: ExportFormat) => api.exportReport({ ...scope, format: f });
  const [text, html] = await Promise.all([exportAs(format), format === 'html' ? null : exportAs('html')]);
  return { text, html: html ?? text };
}
