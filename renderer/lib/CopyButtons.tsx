/** "复制为 纯文本 · HTML · TSV · Markdown" for a report, a chapter or a table of the report on screen. */
import { useState } from 'react';
import type { Report } from '../../core/model.ts';
import { useI18n } from '../i18n.tsx';
import { useShell } from './apiContext.tsx';
import { COPY_FORMATS, copyPayload, type CopyFormat, type CopyScope } from './clipboard.ts';
import { useToast } from './toast.tsx';

export function CopyButtons({ report, scope, label, what }: { report: Report; scope: CopyScope; label: string; what: string }) {
  const { t } = useI18n();
  const shell = useShell();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const names: Record<CopyFormat, string> = { text: t.copyText, html: t.copyHtml, tsv: t.copyTsv, markdown: t.copyMarkdown };
  const copy = async (format: CopyFormat) => {
    setBusy(true);
    try {
      const ok = await shell.writeClipboard(copyPayload(report, scope, format));
      toast(ok ? t.copied(`${what} · ${names[format]}`) : t.copyFailed);
    } catch (e) {
      toast(`${t.copyFailed}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="copy-buttons" role="group" aria-label={`${label}（${what}）`}>
      <span className="copy-label">{label}</span>
      {COPY_FORMATS.map((f) => (
        <button key={f} type="button" className="small" disabled={busy} aria-label={`${t.copyAs} ${names[f]}（${what}）`} data-copy={f} onClick={() => void copy(f)}>
          {names[f]}
        </button>
      ))}
    </div>
  );
}
