/**
 * The library: every report (latest version per body+year), with year and body facets, a text
 * filter, sorting, badges, multi-select for export/removal (with undo). Virtualized rows.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type KeyboardEvent, type MouseEvent, type SetStateAction } from 'react';
import type { CatalogueEntry } from '../../core/model.ts';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../lib/apiContext.tsx';
import { DEFAULT_QUERY, facets, filterAndSort, type Facet, type LibraryQuery, type SortKey } from '../lib/library.ts';
import { takePrefetchedCatalogue } from '../lib/prefetch.ts';
import { useToast } from '../lib/toast.tsx';
import { exportReportsZip, type ReportsExportProgress } from '../api/index.ts';
import { ProgressLine } from '../lib/ProgressLine.tsx';
import { BusyLine, ConfirmDialog } from '../lib/ConfirmDialog.tsx';

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
  /** Rows opened to list their older versions: the report's id → its other versions, newest first. */
  const [expanded, setExpanded] = useState<ReadonlyMap<string, CatalogueEntry[]>>(new Map());

  useEffect(() => {
    let live = true;
    (takePrefetchedCatalogue(api) ?? api.listReports({})).then(
      (rows) => {
        performance.mark('nianbao:catalogue-fetched');
        if (live) {
          setEntries(rows);
          setError(null);
        }
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, revision]);

  const rows = useMemo(() => (entries ? filterAndSort(entries, query) : []), [entries, query]);
  // Another import or edit may have changed the versions: expanded rows are listed again on request.
  useEffect(() => setExpanded(new Map()), [revision]);
  const shown = useMemo(() => withVersions(rows, expanded), [rows, expanded]);
  const toggleVersions = useCallback(
    async (entry: CatalogueEntry, open: boolean) => {
      if (!open) return setExpanded((m) => new Map([...m].filter(([id]) => id !== entry.id)));
      try {
        const others = (await api.listVersions(entry.id)).filter((v) => v.id !== entry.id);
        setExpanded((m) => new Map(m).set(entry.id, others));
      } catch (e) {
        toast(`${t.error}：${(e as Error).message}`);
      }
    },
    [api, toast, t.error],
  );
  const facetData = useMemo(() => (entries ? facets(entries, query) : { years: [], bodies: [] }), [entries, query]);
  const shownBodies = useMemo(() => {
    const f = bodyFilter.trim();
    const list = f ? facetData.bodies.filter((b) => b.label.includes(f) || b.value.includes(f)) : facetData.bodies;
    return { shown: list.slice(0, BODY_FACET_LIMIT), more: Math.max(0, list.length - BODY_FACET_LIMIT) };
  }, [facetData.bodies, bodyFilter]);

  const set = useCallback((patch: Partial<LibraryQuery>) => {
    setQuery((q) => ({ ...q, ...patch }));
    setActive(0);
  }, []);
  const sortBy = (sort: SortKey) => set({ sort, descending: query.sort === sort ? !query.descending : sort === 'findings' || sort === 'imported' });

  const toggle = useCallback(
    (id: string, on?: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on ?? !next.has(id)) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );

  /** A bulk action running (its one-line message): every action button is disabled meanwhile. */
  const [busy, setBusy] = useState<string | null>(null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);

  // Removal asks first, naming the count; the reports go to the 回收站 (undo from the toast or from there, any time).
  const removeSelected = () => {
    if (selected.size && !busy) setConfirmingRemove(true);
  };
  const confirmRemove = async () => {
    setConfirmingRemove(false);
    const ids = [...selected];
    setBusy(t.removing(ids.length));
    try {
      const result = await api.removeReports(ids);
      setSelected(new Set());
      onChanged();
      toast(t.removedToTrash(result.removed.length), {
        label: t.undo,
        run: async () => {
          const back = await api.undoRemove(result.undoToken);
          onChanged();
          toast(t.restored(back.length));
        },
      });
    } catch (e) {
      toast(`${t.error}：${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };

  /** The running export of the selection (reports written so far) and its cancel. */
  const [exporting, setExporting] = useState<ReportsExportProgress | null>(null);
  const exportAbort = useRef<AbortController | null>(null);
  // One streamed zip (one file per report) however many are selected: the transport is renderer/api's choice.
  const exportSelected = async (format: 'markdown' | 'json') => {
    const ids = [...selected];
    const abort = new AbortController();
    exportAbort.current = abort;
    setExporting({ done: 0, total: ids.length });
    try {
      const onProgress = (p: ReportsExportProgress) => setExporting((prev) => (prev && prev.done === p.done && prev.total === p.total ? prev : p));
      const outcome = await exportReportsZip({ ids, format }, { onProgress, signal: abort.signal });
      toast(outcome.status === 'saved' ? t.exportedReports(ids.length, outcome.fileName) : t.exportCancelled);
    } catch (e) {
      toast(t.exportFailed((e as Error).message));
    } finally {
      exportAbort.current = null;
      setExporting(null);
    }
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
      <Facets query={query} facets={facetData} shownBodies={shownBodies} bodyFilter={bodyFilter} onBodyFilter={setBodyFilter} set={set} />

      <section className="catalogue" aria-label={t.library}>
        <div className="catalogue-toolbar">
          <span className="muted" aria-live="polite">
            {t.reportsCount(rows.length)}
            {selected.size > 0 && ` · ${t.selectedCount(selected.size)}`}
          </span>
          <div className="spacer" />
          <button type="button" className="small" onClick={() => setSelected(new Set(rows.map((r) => r.id)))} disabled={!rows.length || !!busy}>
            {t.selectAll}
          </button>
          {selected.size > 0 && (
            <>
              <button type="button" className="small" onClick={() => setSelected(new Set())} disabled={!!busy}>
                {t.clearSelection}
              </button>
              <button type="button" className="small" onClick={() => void exportSelected('markdown')} disabled={!!busy || !!exporting}>
                {t.exportSelected}
              </button>
              <button type="button" className="small" onClick={() => void exportSelected('json')} disabled={!!busy || !!exporting}>
                {t.exportSelectedJson}
              </button>
              <button type="button" className="small danger" onClick={removeSelected} disabled={!!busy}>
                {t.removeSelected}
              </button>
            </>
          )}
        </div>
        {busy && <BusyLine message={busy} />}
        {exporting && (
          <ProgressLine
            message={t.exportingReports(exporting.done, exporting.total)}
            done={exporting.done}
            total={exporting.total}
            cancelLabel={t.cancel}
            onCancel={() => exportAbort.current?.abort()}
          />
        )}
        {confirmingRemove && (
          <ConfirmDialog
            message={t.confirmRemove(selected.size)}
            confirmLabel={t.confirmRemoveAction}
            cancelLabel={t.cancel}
            danger
            onConfirm={() => void confirmRemove()}
            onCancel={() => setConfirmingRemove(false)}
          />
        )}
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
            <LibraryRows
              rows={shown.rows}
              versionParent={shown.parent}
              expanded={expanded}
              onToggleVersions={toggleVersions}
              selected={selected}
              active={active}
              setActive={setActive}
              setSelected={setSelected}
              toggle={toggle}
              onOpen={onOpen}
              onDelete={removeSelected}
            />
          </>
        )}
      </section>
    </div>
  );
}

interface FacetListProps<T extends string | number> {
  className: string;
  allLabel: string;
  facets: Facet<T>[];
  selected: T | null;
  /** The value picked, or null for "all" (also when the selected value is clicked again). */
  onSelect(value: T | null): void;
  /** Wraps each label in a span of this class (long body names are cut with an ellipsis). */
  labelClassName?: string;
}

/** One facet: an "all" button, then a toggle per value with its count. */
function FacetList<T extends string | number>({ className, allLabel, facets: list, selected, onSelect, labelClassName }: FacetListProps<T>) {
  return (
    <ul className={`facet-list ${className}`} role="list">
      <li>
        <button type="button" aria-pressed={selected === null} onClick={() => onSelect(null)}>
          {allLabel}
        </button>
      </li>
      {list.map((f) => (
        <li key={String(f.value)}>
          <button type="button" aria-pressed={selected === f.value} onClick={() => onSelect(selected === f.value ? null : f.value)}>
            {labelClassName ? <span className={labelClassName}>{f.label}</span> : f.label} <span className="count">{f.count}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

interface FacetsProps {
  query: LibraryQuery;
  facets: ReturnType<typeof facets>;
  /** The body facets listed (the first BODY_FACET_LIMIT) and how many more the filter matches. */
  shownBodies: { shown: Facet<string>[]; more: number };
  bodyFilter: string;
  onBodyFilter(value: string): void;
  set(patch: Partial<LibraryQuery>): void;
}

/** Year and body facets: re-rendered when the query or the counts change, not while the rows scroll. */
const Facets = memo(function Facets({ query, facets: facetData, shownBodies, bodyFilter, onBodyFilter, set }: FacetsProps) {
  const { t } = useI18n();
  return (
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
      <FacetList className="years" allLabel={t.allYears} facets={facetData.years} selected={query.year} onSelect={(year) => set({ year })} />
      <h2>{t.bodies}</h2>
      <input type="search" className="filter-input small" aria-label={t.filterBodies} placeholder={t.filterBodies} value={bodyFilter} onChange={(e) => onBodyFilter(e.target.value)} />
      <FacetList className="bodies" allLabel={t.allBodies} facets={shownBodies.shown} selected={query.body} onSelect={(body) => set({ body })} labelClassName="facet-label" />
      {shownBodies.more > 0 && <p className="muted facet-more">{t.moreBodies(shownBodies.more)}</p>}
    </aside>
  );
});

/** The rows with each expanded row's other versions right under it (and which row each belongs to). */
function withVersions(rows: CatalogueEntry[], expanded: ReadonlyMap<string, CatalogueEntry[]>): { rows: CatalogueEntry[]; parent: ReadonlyMap<string, string> } {
  if (expanded.size === 0) return { rows, parent: new Map() };
  const out: CatalogueEntry[] = [];
  const parent = new Map<string, string>();
  for (const r of rows) {
    out.push(r);
    for (const v of expanded.get(r.id) ?? []) {
      out.push(v);
      parent.set(v.id, r.id);
    }
  }
  return { rows: out, parent };
}

interface LibraryRowsProps {
  rows: CatalogueEntry[];
  /** A version row's id → the id of the row it is listed under. */
  versionParent: ReadonlyMap<string, string>;
  expanded: ReadonlyMap<string, CatalogueEntry[]>;
  onToggleVersions(entry: CatalogueEntry, open: boolean): void;
  selected: Set<string>;
  active: number;
  setActive(index: number): void;
  setSelected: Dispatch<SetStateAction<Set<string>>>;
  toggle(id: string, on?: boolean): void;
  onOpen(id: string): void;
  onDelete(): void;
}

/** What a row does on click and keys; one stable object, so scrolling re-renders only the rows that appear. */
interface RowActions {
  key(e: KeyboardEvent, index: number, entry: CatalogueEntry): void;
  click(e: MouseEvent, index: number, entry: CatalogueEntry): void;
  check(index: number, entry: CatalogueEntry): void;
  focus(index: number): void;
  versions(entry: CatalogueEntry, open: boolean): void;
}

/**
 * The virtualized rows. The scroll position lives here: a scroll frame re-renders this list
 * (rows already on screen are memoized), never the facets or the toolbar.
 */
function LibraryRows({ rows, versionParent, expanded, onToggleVersions, selected, active, setActive, setSelected, toggle, onOpen, onDelete }: LibraryRowsProps) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    initialRect: { width: 1000, height: 700 },
    // Let React batch scroll updates instead of rendering synchronously inside every scroll event.
    useFlushSync: false,
  });

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(index, rows.length - 1));
    setActive(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };

  const onRowKey = (e: KeyboardEvent, index: number, entry: CatalogueEntry) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(index + moves[e.key], rows.length - 1));
      if (e.shiftKey) toggle(rows[next].id, true);
      focusRow(next);
    } else if (e.key === 'ArrowRight' && entry.version > 1 && !expanded.has(entry.id) && !versionParent.has(entry.id)) {
      e.preventDefault();
      onToggleVersions(entry, true);
    } else if (e.key === 'ArrowLeft' && expanded.has(entry.id)) {
      e.preventDefault();
      onToggleVersions(entry, false);
    } else if (e.key === 'ArrowLeft' && versionParent.has(entry.id)) {
      e.preventDefault();
      focusRow(rows.findIndex((r) => r.id === versionParent.get(entry.id)));
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
      onDelete();
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

  // The latest handlers behind one stable object: memoized rows need not re-render when they change.
  const latest = useRef({ onRowKey, onRowClick });
  latest.current = { onRowKey, onRowClick };
  const actions = useMemo<RowActions>(
    () => ({
      key: (e, index, entry) => latest.current.onRowKey(e, index, entry),
      click: (e, index, entry) => latest.current.onRowClick(e, index, entry),
      check: (index, entry) => {
        anchor.current = index;
        toggle(entry.id);
      },
      focus: (index) => setActive(index),
      versions: (entry, open) => onToggleVersions(entry, open),
    }),
    [toggle, setActive, onToggleVersions],
  );

  return (
    <div className="lib-scroll" ref={scrollRef} data-testid="library-scroll">
      <div role="listbox" aria-multiselectable="true" aria-label={t.library} className="lib-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = rows[item.index];
          return (
            <LibraryRow
              key={entry.id}
              entry={entry}
              index={item.index}
              start={item.start}
              isSelected={selected.has(entry.id)}
              isActive={item.index === active}
              versions={versionParent.has(entry.id) ? 'version' : entry.version > 1 ? (expanded.has(entry.id) ? 'expanded' : 'collapsed') : 'none'}
              actions={actions}
            />
          );
        })}
      </div>
    </div>
  );
}

interface LibraryRowProps {
  entry: CatalogueEntry;
  index: number;
  start: number;
  isSelected: boolean;
  isActive: boolean;
  /** 'collapsed' / 'expanded': a report with older versions; 'version': an older version listed under it. */
  versions: 'none' | 'collapsed' | 'expanded' | 'version';
  actions: RowActions;
}

const LibraryRow = memo(function LibraryRow({ entry, index, start, isSelected, isActive, versions, actions }: LibraryRowProps) {
  const { t } = useI18n();
  return (
    <div
      role="option"
      aria-selected={isSelected}
      data-index={index}
      data-id={entry.id}
      tabIndex={isActive ? 0 : -1}
      className={`lib-row ${isSelected ? 'selected' : ''}${versions === 'version' ? ' version-row' : ''}`}
      data-version={entry.version}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onKeyDown={(e) => actions.key(e, index, entry)}
      onClick={(e) => actions.click(e, index, entry)}
      onFocus={() => actions.focus(index)}
    >
      <span
        className={`c-check row-check ${isSelected ? 'on' : ''}`}
        title={t.select}
        onClick={(e) => {
          e.stopPropagation();
          actions.check(index, entry);
        }}
      />
      <span className="c-body">
        {(versions === 'collapsed' || versions === 'expanded') && (
          // Mouse only (the row keeps the focus): → and ← on the row do the same.
          <button
            type="button"
            tabIndex={-1}
            className="version-toggle"
            aria-expanded={versions === 'expanded'}
            title={versions === 'expanded' ? t.collapseVersions : t.expandVersions(entry.version)}
            aria-label={versions === 'expanded' ? t.collapseVersions : t.expandVersions(entry.version)}
            onClick={(e) => {
              e.stopPropagation();
              actions.versions(entry, versions === 'collapsed');
            }}
          >
            {versions === 'expanded' ? '▾' : '▸'}
          </button>
        )}
        {entry.body}
        {versions === 'version' && <span className="badge version">{t.version(entry.version)}</span>}
      </span>
      <span className="c-year">{entry.year ?? '—'}</span>
      <span className="c-title" title={entry.title}>
        {entry.title}
      </span>
      <span className="c-format" title={entry.format}>
        {t.formatNames[entry.format] ?? entry.format}
        {(entry.version > 1 || versions === 'version') && <span className="badge version">{t.version(entry.version)}</span>}
      </span>
      <span className="c-findings">
        {entry.findings > 0 ? (
          <span className={`badge ${entry.errors > 0 ? 'badge-error' : 'badge-warning'}`}>{t.findingsBadge(entry.findings)}</span>
        ) : entry.dismissed ? (
          <span className="badge badge-muted" title={t.dismissedFindingsTitle}>
            {t.dismissedBadge(entry.dismissed)}
          </span>
        ) : (
          <span className="badge badge-ok">{t.noFindings}</span>
        )}
      </span>
      <span className="c-imported">{entry.importedAt.slice(0, 10)}</span>
    </div>
  );
});
