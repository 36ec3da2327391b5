/**
 * The app shell: header (navigation, the search box always at hand, language), the first-run
 * banner, the current view, drag & drop import, and global keys (Ctrl+K/F, Ctrl+O, Alt+←).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArchiveApi, ArchiveStatus, FindingRow, SearchHit, SearchResult } from '../core/api.ts';
import { I18nProvider, useI18n, type Lang } from './i18n.tsx';
import { ApiContext } from './lib/apiContext.tsx';
import { filesFromDataTransfer, getShell } from './api/index.ts';
import { ToastProvider } from './lib/toast.tsx';
import { parseWhere } from './lib/where.ts';
import { exportPdf } from './lib/print.ts';
import { FindingsView } from './views/Findings.tsx';
import { ImportView, useImporter } from './views/Import.tsx';
import { Library } from './views/Library.tsx';
import { Reader, type ReaderTarget } from './views/Reader.tsx';
import { SearchView } from './views/Search.tsx';
import { CompareView } from './views/Compare.tsx';
import { focusSelector, restoreFocus } from './lib/focus-return.ts';
import { TrashView } from './views/Trash.tsx';

export type Route =
  | { view: 'library' }
  | { view: 'reader'; id: string; target?: ReaderTarget }
  | { view: 'search' }
  | { view: 'findings' }
  | { view: 'import' }
  | { view: 'compare' }
  | { view: 'trash' };

export function App({ api, lang }: { api: ArchiveApi; lang?: Lang }) {
  return (
    <ApiContext.Provider value={api}>
      <I18nProvider lang={lang}>
        <ToastProvider>
          <Shell api={api} />
        </ToastProvider>
      </I18nProvider>
    </ApiContext.Provider>
  );
}

function Shell({ api }: { api: ArchiveApi }) {
  const { t, lang, setLang } = useI18n();
  const [history, setHistory] = useState<Route[]>([{ view: 'library' }]);
  const route = history[history.length - 1];
  const [status, setStatus] = useState<ArchiveStatus | null>(null);
  const [bannerClosed, setBannerClosed] = useState(false);
  const [revision, setRevision] = useState(0);
  const [searchText, setSearchText] = useState('');
  const [dragging, setDragging] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement | null>(null);
  const mainRef = useRef<HTMLElement>(null);
  const composing = useRef(false);

  const changed = useCallback(() => setRevision((r) => r + 1), []);
  const importer = useImporter(changed);

  // Where focus was when each history entry was left (by depth), to return there on back.
  const leftFocus = useRef(new Map<number, string | null>());
  const returning = useRef<string | null>(null);
  const go = useCallback((next: Route) => {
    const from = focusSelector(document.activeElement);
    setHistory((h) => {
      const top = h[h.length - 1];
      // Typing in the search box should not stack one entry per keystroke.
      if (top.view === next.view && next.view !== 'reader') return h;
      leftFocus.current.set(Math.min(h.length, 49), from); // its depth once `next` is on top
      return [...h.slice(-49), next];
    });
  }, []);
  const back = useCallback(
    () =>
      setHistory((h) => {
        if (h.length <= 1) return h;
        returning.current = leftFocus.current.get(h.length - 1) ?? null;
        return h.slice(0, -1);
      }),
    [],
  );

  useEffect(() => {
    api.getStatus().then(setStatus, () => setStatus(null));
  }, [api]);

  // Menu commands and main-process imports (Electron); the browser shell never sends any.
  const routeRef = useRef(route);
  routeRef.current = route;
  const { external } = importer;
  useEffect(
    () =>
      getShell().onShellEvent((event) => {
        if (event.type === 'menu') {
          if (event.command === 'search') searchRef.current?.focus();
          else if (event.command === 'back') back();
          else if (event.command === 'findings') go({ view: 'findings' });
          else if (event.command === 'library') go({ view: 'library' });
          else if (event.command === 'export') {
            const current = routeRef.current;
            if (current.view === 'reader')
              void api.exportReport({ id: current.id, format: 'markdown' }).then((text) => getShell().saveTextFile({ suggestedName: `${current.id}.md`, text }));
          } else if (event.command === 'exportPdf') {
            const current = routeRef.current;
            // Any view prints as shown; the reader's PDF is named after its report.
            void exportPdf(getShell(), null, current.view === 'reader' ? `${current.id}.pdf` : `nianbao-${current.view}.pdf`).catch(() => {});
          }
        } else if (event.type !== 'exportProgress') {
          // (export progress is for the running export's own listener: renderer/api/reports-export.ts)
          if (event.type === 'importStarted') go({ view: 'import' });
          external(event);
        }
      }),
    [api, back, go, external],
  );

  // Move focus to the new view's main region so keyboard users continue from there
  // (not on first load: Tab then starts at the top of the page).
  const focusedRoute = useRef(route);
  useEffect(() => {
    if (focusedRoute.current === route) return;
    focusedRoute.current = route;
    const selector = returning.current;
    returning.current = null;
    if (selector) return restoreFocus(selector);
    if (route.view === 'search') return;
    if (route.view === 'reader' && route.target) return;
    mainRef.current?.focus({ preventScroll: true });
  }, [route]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && (e.key === 'k' || e.key === 'K' || e.key === 'f' || e.key === 'F')) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (mod && (e.key === 'o' || e.key === 'O')) {
        e.preventDefault();
        go({ view: 'import' });
        setTimeout(() => fileRef.current?.click(), 0);
      } else if (e.altKey && e.key === 'ArrowLeft') {
        e.preventDefault();
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back, go]);

  // Drag & drop files anywhere on the window.
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent) => hasFiles(e) && (depth++, setDragging(true));
    const leave = (e: DragEvent) => hasFiles(e) && --depth <= 0 && ((depth = 0), setDragging(false));
    const over = (e: DragEvent) => hasFiles(e) && e.preventDefault();
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      if (!e.dataTransfer) return;
      // Entries are taken synchronously inside filesFromDataTransfer; folders are walked after.
      void filesFromDataTransfer(e.dataTransfer).then((files) => {
        if (!files.length) return;
        go({ view: 'import' });
        void importer.run(files);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [go, importer]);

  const openHit = (result: SearchResult, hit: SearchHit | null) => go({ view: 'reader', id: result.id, target: hit ? { where: parseWhere(hit.where), terms: hit.ranges.map(([s, e]) => hit.snippet.slice(s, e)) } : undefined });
  const openFinding = (row: FindingRow) => go({ view: 'reader', id: row.reportId, target: { finding: row.key, cells: row.cells } });

  const navButton = (view: 'library' | 'findings' | 'import' | 'compare' | 'trash', label: string) => (
    <button type="button" className="nav-button" aria-current={route.view === view ? 'page' : undefined} onClick={() => go({ view })}>
      {label}
    </button>
  );

  return (
    <div className={`app ${dragging ? 'dragging' : ''}`}>
      <header className="app-header">
        <span className="brand" aria-hidden="true">
          {t.appName}
        </span>
        <nav className="nav" aria-label={t.appName}>
          {history.length > 1 && (
            <button type="button" className="nav-button" onClick={back} aria-label={`${t.back} (Alt+←)`} title="Alt+←">
              ←
            </button>
          )}
          {navButton('library', t.library)}
          {navButton('findings', t.findings)}
          {navButton('compare', t.compare)}
          {navButton('import', t.import)}
          {navButton('trash', t.trash)}
        </nav>
        <div className="search-box" role="search">
          <input
            ref={searchRef}
            type="search"
            aria-label={t.search}
            placeholder={t.searchPlaceholder}
            value={searchText}
            onCompositionStart={() => (composing.current = true)}
            onCompositionEnd={(e) => {
              composing.current = false;
              setSearchText(e.currentTarget.value);
            }}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (e.target.value.trim()) go({ view: 'search' });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === 'ArrowDown') {
                e.preventDefault();
                go({ view: 'search' });
                document.querySelector<HTMLElement>('.search-results .hit-button')?.focus();
              } else if (e.key === 'Escape' && searchText) {
                e.preventDefault();
                setSearchText('');
              }
            }}
          />
        </div>
        <button type="button" className="lang" aria-label={t.languageLabel} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t.language}
        </button>
      </header>

      {status?.sampleLoaded && !bannerClosed && (
        <div className="banner" role="status" data-testid="sample-banner">
          <span>{t.sampleLoaded}</span>
          <button type="button" className="small" onClick={() => setBannerClosed(true)}>
            {t.dismissBanner}
          </button>
        </div>
      )}

      <main className="app-main" ref={mainRef} tabIndex={-1} aria-label={route.view}>
        {route.view === 'library' && <Library revision={revision} onOpen={(id) => go({ view: 'reader', id })} onChanged={changed} />}
        {route.view === 'reader' && <Reader key={`${route.id}:${history.length}`} id={route.id} target={route.target} onChanged={changed} onOpen={(id) => go({ view: 'reader', id })} />}
        {route.view === 'search' && <SearchView text={searchText} onOpenHit={openHit} />}
        {route.view === 'compare' && <CompareView onOpen={(id) => go({ view: 'reader', id })} />}
        {route.view === 'trash' && <TrashView revision={revision} onChanged={changed} />}
        {route.view === 'findings' && <FindingsView revision={revision} onOpen={openFinding} />}
        {route.view === 'import' && (
          <ImportView state={importer.state} onFiles={(f) => void importer.run(f)} onOpen={(id) => go({ view: 'reader', id })} onChanged={changed} inputRef={fileRef} />
        )}
      </main>

      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t.dropHere}
        </div>
      )}
    </div>
  );
}
