/**
 * The reader: chapter outline, chapters as text, statistical chapters with a Table / Narrative
 * toggle, the findings side panel, source view and metadata edit.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CatalogueEntry, CellRef, Finding, Report } from '../../core/model.ts';
import { findingsOf } from '../../core/model.ts';
import { TABLE_IDS, type TableId } from '../../core/spec.ts';
import { useI18n } from '../i18n.tsx';
import { useApi, useShell } from '../lib/apiContext.tsx';
import { CopyButtons } from '../lib/CopyButtons.tsx';
import { useToast } from '../lib/toast.tsx';
import { cellLabels, type Where } from '../lib/where.ts';
import { cellKey, layoutTable } from '../table/layout.ts';
import { NarrativeView } from '../table/NarrativeView.tsx';
import { exportPdf, printPart } from '../lib/print.ts';
import { findingMessage } from '../lib/finding-message.ts';
import { highlightSnippet, termRanges } from '../lib/highlight.tsx';
import { TableView } from '../table/TableView.tsx';
import { VersionsPanel } from './VersionsPanel.tsx';

/** A search hit (with the words it marked, to mark them in the text) or a finding's cells. */
export type ReaderTarget = { where: Where; terms?: string[] } | { finding: string; cells: CellRef[] };
type Mode = 'table' | 'narrative';

export interface ReaderProps {
  id: string;
  target?: ReaderTarget;
  onChanged?(): void;
  /** Opens another report in the reader (another version of this one, from the versions menu). */
  onOpen?(id: string): void;
}

const isTableId = (id: string): id is TableId => (TABLE_IDS as readonly string[]).includes(id);

export function Reader({ id, target, onChanged, onOpen }: ReaderProps) {
  const { t } = useI18n();
  const api = useApi();
  const shell = useShell();
  const toast = useToast();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modes, setModes] = useState<Partial<Record<TableId, Mode>>>({});
  // Open beside the text on wide windows; on narrow ones (1024 px) the text gets the room and the
  // panel opens on request (or when a finding is the target).
  const [findingsOpen, setFindingsOpen] = useState(() => (typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 1280px)').matches : true));
  const [panel, setPanel] = useState<'source' | 'meta' | 'versions' | null>(null);
  /** Every version of this report's body+year (this one included); the menu shows when there are several. */
  const [versions, setVersions] = useState<CatalogueEntry[]>([]);
  const [highlight, setHighlight] = useState<{ cell?: string; paragraph?: string; terms?: string[]; heading?: string; sentence?: [TableId, number]; finding?: string }>({});
  const contentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setReport(null);
    setError(null);
    api.getReport(id).then(
      (r) => {
        // Lets the benchmark tell backend time from rendering time.
        performance.mark('nianbao:report-fetched');
        if (live) setReport(r);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  // Reloaded after a metadata edit too: a new body or year puts the report in another version group.
  useEffect(() => {
    let live = true;
    api.listVersions(id).then(
      (v) => live && setVersions(v),
      () => live && setVersions([]),
    );
    return () => {
      live = false;
    };
  }, [api, id, report?.body.id, report?.body.printed, report?.year]);

  // Apply the target (search hit, finding link): switch the table mode and mark what to highlight.
  useEffect(() => {
    if (!target) return setHighlight({});
    if ('finding' in target) {
      setFindingsOpen(true);
      const cell = target.cells[0];
      if (cell) setModes((m) => ({ ...m, [cell.table]: 'table' }));
      return setHighlight({ finding: target.finding, cell: cell ? cellKey(cell) : undefined });
    }
    const w = target.where;
    if (w.kind === 'chapter') setHighlight(w.paragraph === 'heading' ? { heading: w.chapter } : { paragraph: `${w.chapter}:${w.paragraph}`, terms: target.terms });
    else if (w.kind === 'table') {
      setModes((m) => ({ ...m, [w.table]: 'table' }));
      setHighlight({ cell: cellKey({ table: w.table, row: w.row, column: w.column }) });
    } else if (w.kind === 'narrative') {
      setModes((m) => ({ ...m, [w.table]: 'narrative' }));
      setHighlight({ sentence: [w.table, w.sentence] });
    } else if (w.kind === 'finding') {
      setFindingsOpen(true);
      setHighlight({ finding: w.key });
    } else setHighlight({});
  }, [target]);

  // Scroll the highlighted element into view once it is on screen, and focus it for keyboard users.
  useEffect(() => {
    if (!report) return;
    const root = contentRef.current?.parentElement ?? document;
    let el: HTMLElement | null = null;
    if (highlight.cell) el = root.querySelector(`[data-cell="${CSS.escape(highlight.cell)}"]`);
    else if (highlight.paragraph) el = root.querySelector(`[data-paragraph="${CSS.escape(highlight.paragraph)}"]`);
    else if (highlight.heading) el = document.getElementById(`h-${highlight.heading}`);
    else if (highlight.sentence) el = root.querySelector(`#ch-${highlight.sentence[0]} [data-sentence="${highlight.sentence[1]}"]`);
    else if (highlight.finding) el = root.querySelector(`[data-finding="${CSS.escape(highlight.finding)}"]`);
    if (el) {
      el.scrollIntoView?.({ block: 'center' });
      if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.focus({ preventScroll: true });
    }
    // Not on mode changes: toggling Table/Narrative must leave focus on the toggle.
  }, [report, highlight]);

  const findings = useMemo(() => (report ? findingsOf(report) : []), [report]);
  const findingsByCell = useMemo(() => {
    const map = new Map<string, Finding[]>();
    for (const f of findings) for (const c of f.cells) map.set(cellKey(c), [...(map.get(cellKey(c)) ?? []), f]);
    return map;
  }, [findings]);

  const updated = useCallback(
    (r: Report) => {
      setReport(r);
      onChanged?.();
    },
    [onChanged],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (panel) {
      setPanel(null);
      e.preventDefault();
    } else if (findingsOpen) {
      setFindingsOpen(false);
      e.preventDefault();
    }
  };

  if (error) return <div className="pane-message error" role="alert">{t.error}：{error}</div>;
  if (!report) return <div className="pane-message">{t.loading}</div>;

  const outline = [...(report.preamble.length ? [{ key: 'preamble', heading: t.preamble }] : []), ...report.chapters.map((c) => ({ key: c.key, heading: c.heading }))];
  const jump = (key: string) => {
    const el = document.getElementById(`ch-${key}`);
    el?.scrollIntoView?.({ block: 'start' });
    el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  };
  /** Keyboard users skip a chapter's copy and print buttons: focus goes to its first paragraph (or table). */
  const focusChapterText = (key: string) => {
    const section = document.getElementById(`ch-${key}`);
    const first = section?.querySelector<HTMLElement>('[data-paragraph], table.stat td[tabindex="0"], table');
    if (!first) return;
    if (!first.hasAttribute('tabindex')) first.setAttribute('tabindex', '-1');
    first.focus();
  };
  const hasTables = report.format === '2021' || report.format === '2019-trial';
  const reportName = `${report.body.printed} ${report.year ?? ''}`.trim();

  const renderParagraphs = (key: string, paragraphs: string[]) =>
    paragraphs.map((p, i) => {
      const isHit = highlight.paragraph === `${key}:${i}`;
      // The hit's words are marked where they are; the paragraph itself is only outlined (the whole
      // paragraph in yellow would not say where the match is). Without words, the paragraph is the hit.
      const ranges = isHit && highlight.terms?.length ? termRanges(p, highlight.terms) : [];
      return (
        <p key={i} data-paragraph={`${key}:${i}`} className={isHit ? (ranges.length ? 'hit-paragraph' : 'hit') : undefined}>
          {ranges.length ? highlightSnippet(p, ranges) : p}
        </p>
      );
    });

  const renderStatistical = (tableId: TableId) => {
    const layout = layoutTable(report, tableId);
    if (!layout) return null;
    const mode = modes[tableId] ?? 'table';
    const setMode = (m: Mode) => setModes((all) => ({ ...all, [tableId]: m }));
    return (
      <div className="statistical">
        <div className="stat-toolbar">
          <div className="toggle" role="group" aria-label={t.viewMode}>
            <button type="button" aria-pressed={mode === 'table'} data-mode="table" onClick={() => setMode('table')}>
              {t.tableView}
            </button>
            <button type="button" aria-pressed={mode === 'narrative'} data-mode="narrative" onClick={() => setMode('narrative')}>
              {t.narrativeView}
            </button>
          </div>
          <CopyButtons report={report} scope={{ table: tableId }} label={t.copyTable} what={layout.title} />
        </div>
        {!report.tables[tableId] && <p className="muted">{t.tableMissing}</p>}
        {mode === 'table' ? (
          <TableView
            layout={layout}
            findingsByCell={findingsByCell}
            highlight={highlight.cell}
            onCopyCells={async (payload, n) => toast((await shell.writeClipboard(payload).catch(() => false)) ? t.copiedCells(n) : t.copyFailed)}
          />
        ) : (
          <NarrativeView report={report} table={tableId} highlight={highlight.sentence?.[0] === tableId ? highlight.sentence[1] : undefined} />
        )}
      </div>
    );
  };

  return (
    <div className={`reader ${findingsOpen ? 'with-panel' : ''}`} onKeyDown={onKeyDown}>
      <nav className="outline" aria-label={t.outline}>
        <h2 className="outline-title">{t.outline}</h2>
        <ol>
          {outline.map((c) => (
            <li key={c.key}>
              <a href={`#ch-${c.key}`} onClick={(e) => (e.preventDefault(), jump(c.key))}>
                {c.heading}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <article className="reader-content" ref={contentRef} aria-label={report.title}>
        <header className="report-head">
          <h1>{report.title || reportName}</h1>
          <p className="meta-line">
            <span>{t.body}：{report.body.printed}</span>
            <span>{t.year}：{report.year ?? '—'}</span>
            <span title={report.format}>{t.format}：{t.formatNames[report.format] ?? report.format}</span>
            <span className="badge">{t.version(report.version)}</span>
            <span>{t.importedAt} {report.importedAt.slice(0, 10)}</span>
          </p>
          <div className="report-actions">
            <CopyButtons report={report} scope={{}} label={t.copyReport} what={reportName} />
            <button type="button" className="small" onClick={() => setPanel(panel === 'meta' ? null : 'meta')} aria-expanded={panel === 'meta'}>
              {t.editMetadata}
            </button>
            <button type="button" className="small" onClick={() => setPanel(panel === 'source' ? null : 'source')} aria-expanded={panel === 'source'}>
              {t.viewSource}
            </button>
            {versions.length > 1 && (
              <button type="button" className="small" onClick={() => setPanel(panel === 'versions' ? null : 'versions')} aria-expanded={panel === 'versions'}>
                {t.versions(versions.length)}
              </button>
            )}
            <button type="button" className="small" onClick={() => printPart(null)}>
              {shell.printToPdf ? t.printOnly : t.printReport}
            </button>
            {shell.printToPdf && (
              <button
                type="button"
                className="small"
                onClick={() =>
                  exportPdf(shell, null, `${reportName}.pdf`).then(
                    (outcome) => outcome.status === 'saved' && toast(t.pdfSaved(outcome.fileName)),
                    (e: Error) => toast(t.exportFailed(e.message)),
                  )
                }
              >
                {t.exportPdf}
              </button>
            )}
            <button type="button" className="small" onClick={() => setFindingsOpen((o) => !o)} aria-expanded={findingsOpen} aria-controls="findings-panel">
              {findingsOpen ? t.hideFindings : t.showFindings} ({findings.filter((f) => !f.dismissed).length})
            </button>
          </div>
          {panel === 'meta' && <MetadataForm report={report} onClose={() => setPanel(null)} onSaved={updated} />}
          {panel === 'source' && <SourcePanel id={report.id} onClose={() => setPanel(null)} />}
          {panel === 'versions' && onOpen && (
            <VersionsPanel current={report} versions={versions} what={reportName} onOpen={onOpen} onClose={() => setPanel(null)} />
          )}
        </header>

        {report.preamble.length > 0 && (
          <section id="ch-preamble" className="chapter">
            <h2 tabIndex={-1}>{t.preamble}</h2>
            {renderParagraphs('preamble', report.preamble)}
          </section>
        )}
        {report.chapters.map((chapter) => (
          <section key={chapter.key} id={`ch-${chapter.key}`} className="chapter" aria-labelledby={`h-${chapter.key}`}>
            <div className="chapter-head">
              <h2 id={`h-${chapter.key}`} tabIndex={-1} className={highlight.heading === chapter.key ? 'hit' : undefined}>
                {chapter.heading}
              </h2>
              <a className="skip-link" href={`#ch-${chapter.key}`} onClick={(e) => (e.preventDefault(), focusChapterText(chapter.key))}>
                {t.skipToChapterText(chapter.heading)}
              </a>
              <CopyButtons report={report} scope={{ chapter: chapter.key }} label={t.copyChapter} what={chapter.heading} />
              <button type="button" className="small chapter-print" aria-label={t.printChapter(chapter.heading)} onClick={(e) => printPart(e.currentTarget.closest('section'))}>
                {t.print}
              </button>
            </div>
            {renderParagraphs(chapter.key, chapter.paragraphs)}
            {hasTables && isTableId(chapter.id) && renderStatistical(chapter.id)}
            {report.genericTables
              .filter((g) => g.chapterKey === chapter.key)
              .map((g, i) => (
                <GenericTableView key={i} caption={g.caption} rows={g.rows} />
              ))}
          </section>
        ))}
        {!hasTables && report.genericTables.some((g) => !report.chapters.some((c) => c.key === g.chapterKey)) && (
          <section className="chapter">
            <h2>{t.genericTables}</h2>
            {report.genericTables
              .filter((g) => !report.chapters.some((c) => c.key === g.chapterKey))
              .map((g, i) => (
                <GenericTableView key={i} caption={g.caption} rows={g.rows} />
              ))}
          </section>
        )}
      </article>

      {findingsOpen && (
        <FindingsPanel
          report={report}
          findings={findings}
          highlight={highlight.finding}
          onClose={() => setFindingsOpen(false)}
          onShowCell={(f) => {
            const cell = f.cells[0];
            if (cell) setModes((m) => ({ ...m, [cell.table]: 'table' }));
            setHighlight({ cell: cell ? cellKey(cell) : undefined, finding: cell ? undefined : f.key });
          }}
          onUpdated={updated}
        />
      )}
    </div>
  );
}

function GenericTableView({ caption, rows }: { caption: string; rows: string[][] }) {
  return (
    <div className="table-scroll">
      <table className="generic">
        {caption && <caption>{caption}</caption>}
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FindingsPanel(props: { report: Report; findings: Finding[]; highlight?: string; onClose(): void; onShowCell(f: Finding): void; onUpdated(r: Report): void }) {
  const { t, lang } = useI18n();
  const api = useApi();
  const [dismissing, setDismissing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { report, findings } = props;
  const dismiss = async (key: string) => {
    if (!reason.trim()) return;
    props.onUpdated(await api.dismissFinding(report.id, key, reason.trim()));
    setDismissing(null);
    setReason('');
  };
  return (
    <aside id="findings-panel" className="findings-panel" aria-label={t.findingsPanel}>
      <div className="panel-head">
        <h2>
          {t.findingsPanel} ({findings.filter((f) => !f.dismissed).length})
        </h2>
        <button type="button" className="small" onClick={props.onClose} aria-label={t.close}>
          ×
        </button>
      </div>
      {findings.length === 0 && <p className="muted">{t.noReportFindings}</p>}
      <ul className="finding-list">
        {findings.map((f) => (
          <li key={f.key} data-finding={f.key} data-rule={f.rule} className={`finding f-${f.severity} ${f.dismissed ? 'is-dismissed' : ''} ${props.highlight === f.key ? 'hit' : ''}`}>
            <div className="finding-head">
              <span className={`sev sev-${f.severity}`}>{f.severity === 'error' ? t.error_severity : t.warning_severity}</span>
              <span className="rule" title={f.rule}>
                {t.rules[f.rule] ?? f.rule}
              </span>
            </div>
            <p className="finding-message">{findingMessage(f, lang)}</p>
            {f.detail && <p className="finding-detail">{f.detail}</p>}
            {f.cells.length > 0 && (
              <button type="button" className="link" onClick={() => props.onShowCell(f)}>
                {f.cells
                  .slice(0, 3)
                  .map((c) => {
                    const l = cellLabels(report.format, c.table, c.row, c.column);
                    return `${l.row} · ${l.column}`;
                  })
                  .join('；')}
                {f.cells.length > 3 ? ' …' : ''}
              </button>
            )}
            {f.dismissed ? (
              <p className="dismissed-note">
                {t.dismissed}：{f.dismissed.reason}{' '}
                <button type="button" className="small" onClick={async () => props.onUpdated(await api.undismissFinding(report.id, f.key))}>
                  {t.undismiss}
                </button>
              </p>
            ) : dismissing === f.key ? (
              <form
                className="dismiss-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void dismiss(f.key);
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    setDismissing(null);
                  }
                }}
              >
                <label>
                  {t.dismissReason}
                  <input autoFocus value={reason} onChange={(e) => setReason(e.target.value)} required />
                </label>
                <button type="submit" className="small" disabled={!reason.trim()}>
                  {t.dismissConfirm}
                </button>
                <button type="button" className="small" onClick={() => setDismissing(null)}>
                  {t.cancel}
                </button>
              </form>
            ) : (
              <button type="button" className="small" onClick={() => (setDismissing(f.key), setReason(''))}>
                {t.dismiss}
              </button>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

function SourcePanel({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [text, setText] = useState<string | null>(null);
  const [name, setName] = useState('');
  useEffect(() => {
    api.getSource(id).then(
      (s) => (setText(s.text), setName(`${s.fileName} (${s.mediaType})`)),
      (e: Error) => setText(`${t.error}：${e.message}`),
    );
  }, [api, id, t.error]);
  return (
    <section className="source-panel" aria-label={t.source}>
      <div className="panel-head">
        <h2>
          {t.source} <span className="muted">{name}</span>
        </h2>
        <button type="button" className="small" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </div>
      {/* The original as plain text: never rendered as HTML. */}
      <pre className="source-text" tabIndex={0}>
        {text ?? t.loading}
      </pre>
    </section>
  );
}

export function MetadataForm({ report, onClose, onSaved }: { report: Pick<Report, 'id' | 'body' | 'year'>; onClose(): void; onSaved(r: Report): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [body, setBody] = useState(report.body.printed);
  const [year, setYear] = useState(report.year?.toString() ?? '');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="meta-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const y = Number(year);
        try {
          const saved = await api.editMetadata(report.id, { body: body.trim() || undefined, year: year && Number.isInteger(y) ? y : undefined });
          onSaved(saved);
          toast(t.saved);
          onClose();
        } catch (err) {
          setError((err as Error).message);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <label>
        {t.body}
        <input autoFocus value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <label>
        {t.year}
        <input value={year} inputMode="numeric" pattern="[0-9]{4}" onChange={(e) => setYear(e.target.value)} />
      </label>
      <button type="submit" className="small">
        {t.save}
      </button>
      <button type="button" className="small" onClick={onClose}>
        {t.cancel}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
