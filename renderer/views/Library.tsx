/**
 * The library: every report (latest version per body+year), with year and body facets, a text
 * filter, sorting, badges, multi-select for export/removal (with undo). Virtualized rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { CatalogueEntry } from '../../core/model.ts';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../lib/apiContext.tsx';
import { DEFAULT_QUERY, facets, filterAndSort, type LibraryQuery, type SortKey } from '../lib/library.ts';
import { useToast } from '../lib/toast.tsx';
import { getShell } from '../api/index.ts';

const ROW_HEIGHT = 44;
const BODY_FACET_LIMIT = 200;

export interface LibraryProps {
  /** Changes whenever the catalogue changed elsewhere (import, metadata edit). */
  revision: number;
  onOpen(id: string): void;
  onChanged(): void;
}

export function Library({ revision, onOpen, onChanged }: LibraryProps) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [entries, setEntries] = useState<CatalogueEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState<LibraryQuery>(DEFAULT_QUERY);
  const [bodyFilter, setBodyFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [active, setActive] = useState(0);
  const anchor = useRef<number | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    api.listReports({}).then(
      (rows) => {
        performance.mark('nianbao:catalogue-fetched');
        if (live) (setEntries(rows), setError(null));
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, revision]);

  const rows = useMemo(() => (entries ? filterAndSort(entries, query) : []), [entries, query]);
  const facetData = useMemo(() => (entries ? facets(entries, query) : { years: [], bodies: [] }), [entries, query]);
  const shownBodies = useMemo(() => {
    const f = bodyFilter.trim();
    const list = f ? facetData.bodies.filter((b) => b.label.includes(f) || b.value.includes(f)) : facetData.bodies;
    return list.slice(0, BODY_FACET_LIMIT);
  }, [facetData.bodies, bodyFilter]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 1000, height: 700 },
    // Let React batch scroll updates instead of rendering synchronously inside every scroll event.
    useFlushSync: false,
  });

  const set = (patch: Partial<LibraryQuery>) => {
    setQuery((q) => ({ ...q, ...patch }));
    setActive(0);
  };
  const sortBy = (sort: SortKey) => set({ sort, descending: query.sort === sort ? !query.descending : sort === 'findings' || sort === 'imported' });

  const toggle = (id: string, on?: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(index, rows.length - 1));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };

  const removeSelected = async () => {
    const ids = [...selected];
    if (!ids.length) return;
    const result = await api.removeReports(ids);
    setSelected(new Set());
    onChanged();
    toast(t.removed(result.removed.length), {
      label: t.undo,
      run: async () => {
        const back = await api.undoRemove(result.undoToken);
        onChanged();
        toast(t.restored(back.length));
      },
    });
  };

  const exportSelected = async (format: 'markdown' | 'json') => {
    const ids = [...selected];
    const parts = await Promise.all(ids.map((id) => api.exportReport({ id, format })));
    const content = format === 'json' ? `[${parts.join(',\n')}]` : parts.join('\n\n---\n\n');
    // The native "save as" dialog in Electron, a download in the browser host.
    await getShell().saveTextFile({ suggestedName: `nianbao-${ids.length}.${format === 'json' ? 'json' : 'md'}`, text: content });
  };

  const onRowKey = (e: KeyboardEvent, index: number, entry: CatalogueEntry) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(index + moves[e.key], rows.length - 1));
      if (e.shiftKey) toggle(rows[next].id, true);
      focusRow(next);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusRow(e.key === 'Home' ? 0 : rows.length - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(entry.id);
    } else if (e.key === ' ') {
      e.preventDefault();
      toggle(entry.id);
    } else if (e.key === 'Delete' && selected.size) {
      e.preventDefault();
      void removeSelected();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      setSelected(new Set(rows.map((r) => r.id)));
    }
  };

  const onRowClick = (e: MouseEvent, index: number, entry: CatalogueEntry) => {
    setActive(index);
    if (e.shiftKey && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, index), Math.max(anchor.current, index)];
      setSelected((s) => new Set([...s, ...rows.slice(a, b + 1).map((r) => r.id)]));
    } else if (e.ctrlKey || e.metaKey) {
      toggle(entry.id);
      anchor.current = index;
    } else onOpen(entry.id);
  };

  if (error) return <div className="pane-message error" role="alert">{t.error}：{error}</div>;
  if (!entries) return <div className="pane-message">{t.loading}</div>;

  const sortButton = (key: SortKey, label: string, className: string) => (
    <button type="button" className={`col-head ${className}`} onClick={() => sortBy(key)} aria-pressed={query.sort === key} title={t.sortBy}>
      {label}
      {query.sort === key ? (query.descending ? ' ↓' : ' ↑') : ''}
    </button>
  );

  return (
    <div className="library">
      <aside className="facets" aria-label={`${t.years} / ${t.bodies}`}>
        <input
          type="search"
          className="filter-input"
          aria-label={t.filterPlaceholder}
          placeholder={t.filterPlaceholder}
          value={query.text}
          onChange={(e) => set({ text: e.target.value })}
        />
        <h2>{t.years}</h2>
        <ul className="facet-list years" role="list">
          <li>
            <button type="button" aria-pressed={query.year === null} onClick={() => set({ year: null })}>
              {t.allYears}
            </button>
          </li>
          {facetData.years.map((f) => (
            <li key={String(f.value)}>
              <button type="button" aria-pressed={query.year === f.value} onClick={() => set({ year: query.year === f.value ? null : f.value })}>
                {f.label} <span className="count">{f.count}</span>
              </button>
            </li>
          ))}
        </ul>
        <h2>{t.bodies}</h2>
        <input type="search" className="filter-input small" aria-label={t.filterBodies} placeholder={t.filterBodies} value={bodyFilter} onChange={(e) => setBodyFilter(e.target.value)} />
        <ul className="facet-list bodies" role="list">
          <li>
            <button type="button" aria-pressed={query.body === null} onClick={() => set({ body: null })}>
              {t.allBodies}
            </button>
          </li>
          {shownBodies.map((f) => (
            <li key={f.value}>
              <button type="button" aria-pressed={query.body === f.value} onClick={() => set({ body: query.body === f.value ? null : f.value })}>
                <span className="facet-label">{f.label}</span> <span className="count">{f.count}</span>
              </button>
            </li>
          ))}
        </ul>
      </aside>

      <section className="catalogue" aria-label={t.library}>
        <div className="catalogue-toolbar">
          <span className="muted" aria-live="polite">
            {t.reportsCount(rows.length)}
            {selected.size > 0 && ` · ${t.selectedCount(selected.size)}`}
          </span>
          <div className="spacer" />
          <button type="button" className="small" onClick={() => setSelected(new Set(rows.map((r) => r.id)))} disabled={!rows.length}>
            {t.selectAll}
          </button>
          {selected.size > 0 && (
            <>
              <button type="button" className="small" onClick={() => setSelected(new Set())}>
                {t.clearSelection}
              </button>
              <button type="button" className="small" onClick={() => void exportSelected('markdown')}>
                {t.exportSelected}
              </button>
              <button type="button" className="small" onClick={() => void exportSelected('json')}>
                {t.exportSelectedJson}
              </button>
              <button type="button" className="small danger" onClick={() => void removeSelected()}>
                {t.removeSelected}
              </button>
            </>
          )}
        </div>
        {entries.length === 0 ? (
          <p className="pane-message">{t.emptyLibrary}</p>
        ) : (
          <>
            <div className="lib-row lib-header" role="presentation">
              <span className="c-check" />
              {sortButton('body', t.colBody, 'c-body')}
              {sortButton('year', t.colYear, 'c-year')}
              <span className="col-head c-title">{t.colTitle}</span>
              <span className="col-head c-format">{t.colFormat}</span>
              {sortButton('findings', t.colFindings, 'c-findings')}
              {sortButton('imported', t.colImported, 'c-imported')}
            </div>
            <div className="lib-scroll" ref={scrollRef} data-testid="library-scroll">
              <div
                role="listbox"
                aria-multiselectable="true"
                aria-label={t.library}
                className="lib-rows"
                style={{ height: virtualizer.getTotalSize() }}
              >
                {virtualizer.getVirtualItems().map((item) => {
                  const entry = rows[item.index];
                  const isSelected = selected.has(entry.id);
                  return (
                    <div
                      key={entry.id}
                      role="option"
                      aria-selected={isSelected}
                      data-index={item.index}
                      data-id={entry.id}
                      tabIndex={item.index === active ? 0 : -1}
                      className={`lib-row ${isSelected ? 'selected' : ''}`}
                      style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                      onKeyDown={(e) => onRowKey(e, item.index, entry)}
                      onClick={(e) => onRowClick(e, item.index, entry)}
                      onFocus={() => setActive(item.index)}
                    >
                      <span
                        className={`c-check row-check ${isSelected ? "on" : ""}`}
                        title={t.select}
                        onClick={(e) => {
                          e.stopPropagation();
                          anchor.current = item.index;
                          toggle(entry.id);
                        }}
                      />
                      <span className="c-body">{entry.body}</span>
                      <span className="c-year">{entry.year ?? '—'}</span>
                      <span className="c-title" title={entry.title}>
                        {entry.title}
                      </span>
                      <span className="c-format">
                        {entry.format}
                        {entry.version > 1 && <span className="badge version">{t.version(entry.version)}</span>}
                      </span>
                      <span className="c-findings">
                        {entry.findings > 0 ? (
                          <span className={`badge ${entry.errors > 0 ? 'badge-error' : 'badge-warning'}`}>{t.findingsBadge(entry.findings)}</span>
                        ) : (
                          <span className="badge badge-ok">{t.noFindings}</span>
                        )}
                      </span>
                      <span className="c-imported">{entry.importedAt.slice(0, 10)}</span>
                    </div>
                  );
                })}
              </div>
            </div>
          </>
        )}
      </section>
    </div>
  );
}
