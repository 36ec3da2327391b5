/**
 * Search results as you type: grouped by report, snippets with the matched ranges marked,
 * where each hit is. At most one request in flight; the latest query always wins.
 */
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { SearchHit, SearchResponse, SearchResult } from '../../core/api.ts';
import { CHAPTER_HEADINGS, CHAPTER_IDS, REPORT_FORMATS } from '../../core/spec.ts';
import { useI18n } from '../i18n.tsx';
import { useApi, useShell } from '../lib/apiContext.tsx';
import { highlightSnippet } from '../lib/highlight.tsx';
import { resultsCsv, resultsXlsx } from '../lib/results-csv.ts';
import { describeWhere, parseWhere } from '../lib/where.ts';

export interface SearchFilters {
  year: string;
  body: string;
  chapter: string;
  format: string;
}
export const NO_FILTERS: SearchFilters = { year: '', body: '', chapter: '', format: '' };

/** The query sent to the engine: the typed text plus filters in the query language. */
export function composeQuery(text: string, f: SearchFilters): string {
  const quote = (v: string) => (/\s/.test(v) ? `"${v}"` : v);
  const parts = [text.trim()];
  if (f.year.trim()) parts.push(`year:${f.year.trim()}`);
  if (f.body.trim()) parts.push(`body:${quote(f.body.trim())}`);
  if (f.chapter) parts.push(`chapter:${f.chapter}`);
  if (f.format) parts.push(`format:${f.format}`);
  return parts.filter(Boolean).join(' ');
}

/**
 * Latest-request-wins search as you type. Instead of a fixed debounce (which would add its delay
 * after the last keystroke), at most one request is in flight: keystrokes made meanwhile
 * coalesce into one follow-up request for the newest query, and stale responses are dropped.
 */
export function useSearch(query: string): { response: SearchResponse | null; answered: string; pending: boolean; error: string | null } {
  const api = useApi();
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [answered, setAnswered] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const latest = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<{ query: string; seq: number } | null>(null);

  const send = useCallback(
    (q: string, seq: number) => {
      inFlight.current = true;
      const done = () => {
        inFlight.current = false;
        const next = queued.current;
        queued.current = null;
        if (next && next.seq === latest.current) send(next.query, next.seq);
      };
      api.search({ query: q, pageSize: 50 }).then(
        (r) => {
          performance.mark('nianbao:search-response');
          if (seq === latest.current) {
            setResponse(r);
            setAnswered(q);
            setError(null);
            setPending(false);
          }
          done();
        },
        (e: Error) => {
          if (seq === latest.current) {
            setError(e.message);
            setPending(false);
          }
          done();
        },
      );
    },
    [api],
  );

  useEffect(() => {
    const seq = ++latest.current;
    if (!query.trim()) {
      queued.current = null;
      setResponse(null);
      setPending(false);
      return;
    }
    setPending(true);
    if (inFlight.current) queued.current = { query, seq };
    else send(query, seq);
  }, [query, send]);
  return { response, answered, pending, error };
}

export interface SearchViewProps {
  text: string;
  onOpenHit(result: SearchResult, hit: SearchHit | null): void;
}

export function SearchView({ text, onOpenHit }: SearchViewProps) {
  const { t } = useI18n();
  const [filters, setFilters] = useState<SearchFilters>(NO_FILTERS);
  const query = composeQuery(text, filters);
  const { response, answered, pending, error } = useSearch(query);
  const listRef = useRef<HTMLDivElement>(null);
  const openRef = useRef(onOpenHit);
  openRef.current = onOpenHit;
  const open = useCallback((result: SearchResult, hit: SearchHit | null) => openRef.current(result, hit), []);
  const set = (patch: Partial<SearchFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const onListKey = useCallback((e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const hits = [...(listRef.current?.querySelectorAll<HTMLElement>('.hit-button') ?? [])];
    const i = hits.indexOf(document.activeElement as HTMLElement);
    const next = hits[Math.max(0, Math.min(hits.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }, []);

  return (
    <div className="search-view">
      <form className="search-filters" aria-label={t.searchResults} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.filterYear}
          <input type="text" inputMode="numeric" size={6} value={filters.year} onChange={(e) => set({ year: e.target.value })} placeholder={t.yearPlaceholder} />
        </label>
        <label>
          {t.filterBody}
          <input type="text" size={12} value={filters.body} onChange={(e) => set({ body: e.target.value })} />
        </label>
        <label>
          {t.filterChapter}
          <select value={filters.chapter} onChange={(e) => set({ chapter: e.target.value })}>
            <option value="">{t.anyValue}</option>
            {CHAPTER_IDS.map((c) => (
              <option key={c} value={c}>
                {CHAPTER_HEADINGS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filterFormat}
          <select value={filters.format} onChange={(e) => set({ format: e.target.value })}>
            <option value="">{t.anyValue}</option>
            {REPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t.formatNames[f] ?? f}
              </option>
            ))}
          </select>
        </label>
      </form>

      <div className="search-status" aria-live="polite">
        {!query.trim() ? (
          <span className="muted">{t.typeToSearch}</span>
        ) : error ? (
          <span className="error">{error}</span>
        ) : response ? (
          <span className="muted">
            {t.resultsCount(response.total, response.tookMs)}
            {pending ? ` · ${t.searching}` : ''}
            {response.index === 'building' ? ` · ${t.indexBuilding}` : ''}
          </span>
        ) : (
          <span className="muted">{t.searching}</span>
        )}
        {response?.warnings.map((w, i) => (
          <p key={i} className="warning">
            {w}
          </p>
        ))}
      </div>

      {response && query.trim() && response.total > 0 && <ExportResultsButton query={answered} total={response.total} />}
      {response && query.trim() && <ResultsList response={response} query={answered} onOpenHit={open} onKeyDown={onListKey} listRef={listRef} />}
      {response && query.trim() && <MoreResults key={`${answered}\u0001${response.total}`} first={response} query={answered} onOpenHit={open} />}
    </div>
  );
}

/** Results per request beyond the first page ("show more"). */
const PAGE_SIZE = 50;
/** Results per request of an export (the engine's largest page). */
const EXPORT_PAGE_SIZE = 200;

/**
 * The results after the first page: "show more" fetches the next page and appends it, until
 * every one of the response's `total` reports is listed (pages are slices of one order).
 */
function MoreResults({ first, query, onOpenHit }: { first: SearchResponse; query: string; onOpenHit(result: SearchResult, hit: SearchHit | null): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [more, setMore] = useState<SearchResult[]>([]);
  const [loading, setLoading] = useState(false);
  const shown = first.results.length + more.length;
  if (first.results.length === 0) return null;
  const loadMore = async () => {
    setLoading(true);
    try {
      const page = Math.floor(shown / PAGE_SIZE);
      const next = await api.search({ query, page, pageSize: PAGE_SIZE });
      setMore((m) => [...m, ...next.results]);
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      {more.length > 0 && (
        <div className="search-results search-results-more" data-testid="search-results-more">
          {more.map((r) => (
            <ResultRow key={r.id} result={r} query={query} onOpenHit={onOpenHit} />
          ))}
        </div>
      )}
      <p className="more-results">
        {shown < first.total ? (
          <button type="button" className="link" disabled={loading} onClick={() => void loadMore()}>
            {loading ? t.searching : t.moreResults(shown, first.total)}
          </button>
        ) : (
          first.total > PAGE_SIZE && <span className="muted">{t.allResultsShown(first.total)}</span>
        )}
      </p>
    </>
  );
}

/** Saves every result of the query (all pages, the hits shown per report) as CSV. */
function ExportResultsButton({ query, total }: { query: string; total: number }) {
  const { t } = useI18n();
  const api = useApi();
  const shell = useShell();
  const [progress, setProgress] = useState<number | null>(null);
  const words = { meta: t.whereMeta, finding: t.whereFinding, preamble: t.preamble, narrative: t.whereNarrative };
  const run = async (as: 'csv' | 'xlsx') => {
    const all: SearchResult[] = [];
    setProgress(0);
    try {
      for (let page = 0; page * EXPORT_PAGE_SIZE < total; page++) {
        const res = await api.search({ query, page, pageSize: EXPORT_PAGE_SIZE });
        all.push(...res.results);
        setProgress(all.length);
        if (res.results.length < EXPORT_PAGE_SIZE) break;
      }
      const describe = (where: string) => describeWhere(parseWhere(where), undefined, undefined, words);
      const name = query.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'search';
      if (as === 'xlsx') await shell.saveTextFile({ suggestedName: `nianbao-${name}.xlsx`, text: '', bytes: resultsXlsx(all, t.resultsCsvHeader, describe, t.search) });
      else await shell.saveTextFile({ suggestedName: `nianbao-${name}.csv`, text: resultsCsv(all, t.resultsCsvHeader, describe) });
    } finally {
      setProgress(null);
    }
  };
  return (
    <p className="search-export">
      <button type="button" className="link" disabled={progress !== null} onClick={() => void run('csv')}>
        {progress === null ? t.exportResults : t.exportingResults(progress, total)}
      </button>
      {progress === null && (
        <>
          {' · '}
          <button type="button" className="link" onClick={() => void run('xlsx')}>
            {t.exportResultsXlsx}
          </button>
        </>
      )}
    </p>
  );
}

/** Hits listed per report; the rest are counted in the badge (the reader shows them all). */
const HITS_SHOWN = 4;
/** Snippets asked for when the user expands a result: every hit of the report. */
const ALL_HITS = 10_000;
/** Results rendered with the response's first frame (more than a screenful). */
const FIRST_RESULTS = 12;

/** The results, re-rendered only when a new response arrives (not on every keystroke). */
const ResultsList = memo(function ResultsList({
  response,
  query,
  onOpenHit,
  onKeyDown,
  listRef,
}: {
  response: SearchResponse;
  /** The query this response answers. */
  query: string;
  onOpenHit(result: SearchResult, hit: SearchHit | null): void;
  onKeyDown(e: KeyboardEvent): void;
  listRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  // A new response paints its first screen of results at once; the rest follow right after that
  // frame, so the last keystroke is answered without waiting for 50 results' snippets.
  const [complete, setComplete] = useState<SearchResponse | null>(null);
  useEffect(() => {
    if (response.results.length <= FIRST_RESULTS) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setComplete(response), 0)));
    return () => (cancelAnimationFrame(frame), clearTimeout(timer));
  }, [response]);
  const results = complete === response ? response.results : response.results.slice(0, FIRST_RESULTS);
  return (
        <div className="search-results" ref={listRef} onKeyDown={onKeyDown} data-testid="search-results" data-query={query}>
          {response.results.length === 0 && <p className="pane-message">{t.noResults}</p>}
          {results.map((r) => (
            <ResultRow key={r.id} result={r} query={query} onOpenHit={onOpenHit} />
          ))}
        </div>
  );
});

/**
 * One report's result: its hits (3 from the engine), and on request every hit of the report,
 * fetched for this report only.
 */
const ResultRow = memo(function ResultRow({ result: r, query, onOpenHit }: { result: SearchResult; query: string; onOpenHit(result: SearchResult, hit: SearchHit | null): void }) {
  const { t } = useI18n();
  const api = useApi();
  const words = { meta: t.whereMeta, finding: t.whereFinding, preamble: t.preamble, narrative: t.whereNarrative };
  const [allHits, setAllHits] = useState<SearchHit[] | null>(null);
  const [expanded, setExpanded] = useState(false);
  const hits = expanded && allHits ? allHits : r.hits.slice(0, HITS_SHOWN);
  const year = r.year == null ? '—' : String(r.year);
  const toggle = async () => {
    if (expanded) return setExpanded(false);
    if (!allHits) {
      const res = await api.search({ query, reportId: r.id, hitsPerResult: ALL_HITS });
      setAllHits(res.results[0]?.hits ?? r.hits);
    }
    setExpanded(true);
  };
  return (
    <section className="result" aria-label={`${r.body} ${r.year ?? ''}`}>
      <h3>
        <button type="button" className="link result-title" onClick={() => onOpenHit(r, null)}>
          {r.body} · {year}
        </button>
        <span className="muted"> {r.title}</span>
        {r.olderVersion && <span className="badge badge-muted">{t.olderVersion}</span>}
        {r.hitCount > 0 && <span className="badge">{t.hitsCount(r.hitCount)}</span>}
      </h3>
      <ul className="hits" aria-label={t.hitsOf(r.body, year)}>
        {hits.map((hit, i) => (
          <li key={i}>
            <button type="button" className="hit-button" data-where={hit.where} onClick={() => onOpenHit(r, hit)}>
              <span className="where">{describeWhere(parseWhere(hit.where), undefined, undefined, words)}</span>
              <span className="snippet">{highlightSnippet(hit.snippet, hit.ranges)}</span>
            </button>
          </li>
        ))}
      </ul>
      {r.hitCount > r.hits.length && (
        <button type="button" className="link show-all-hits" aria-expanded={expanded} onClick={() => void toggle()}>
          {expanded ? t.showFewerHits : t.showAllHits(r.hitCount)}
        </button>
      )}
    </section>
  );
});
