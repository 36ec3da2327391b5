/**
 * Import: a file input (several files) and drag & drop anywhere on the window (App passes the
 * files here). Bulk imports go in small batches with a progress bar; every file gets its outcome.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImportOutcome } from '../../core/api.ts';
import type { Report } from '../../core/model.ts';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../lib/apiContext.tsx';
import { MetadataForm } from './Reader.tsx';
import { filesFromInput, importPending, type PendingFile } from '../api/index.ts';

export const ACCEPT = '.txt,.text,.htm,.html,.xhtml,.docx,.doc,.pdf,text/plain,text/html,application/pdf';

export interface ImportState {
  total: number;
  done: number;
  outcomes: ImportOutcome[];
  running: boolean;
}

/** The import runner, held by App so that drops anywhere, the file input and main-process imports share it. */
export function useImporter(onImported: () => void) {
  const api = useApi();
  const [state, setState] = useState<ImportState>({ total: 0, done: 0, outcomes: [], running: false });
  const run = useCallback(
    async (files: PendingFile[]) => {
      if (!files.length) return;
      setState({ total: files.length, done: 0, outcomes: [], running: true });
      let outcomes: ImportOutcome[];
      try {
        outcomes = await importPending(api, files, (p) => setState((s) => ({ ...s, done: p.done, total: p.total })));
      } catch (e) {
        outcomes = files.map((f) => ({ file: f.name, status: 'failed', reason: (e as Error).message }));
      }
      setState({ total: files.length, done: files.length, outcomes, running: false });
      if (outcomes.some((o) => o.status === 'imported')) onImported();
    },
    [api, onImported],
  );
  /** Progress and outcomes of imports the main process runs (its dialog, files given on the command line). */
  const external = useCallback(
    (event: { type: 'importStarted'; total: number } | { type: 'importProgress'; done: number; total: number } | { type: 'importFinished'; outcomes: ImportOutcome[] }) => {
      if (event.type === 'importStarted') setState({ total: event.total, done: 0, outcomes: [], running: true });
      else if (event.type === 'importProgress') setState((s) => ({ ...s, done: event.done, total: event.total }));
      else {
        setState((s) => ({ total: Math.max(s.total, event.outcomes.length), done: event.outcomes.length, outcomes: event.outcomes, running: false }));
        if (event.outcomes.some((o) => o.status === 'imported')) onImported();
      }
    },
    [onImported],
  );
  return { state, run, external };
}

export function ImportView({ state, onFiles, onOpen, onChanged, inputRef }: { state: ImportState; onFiles(files: PendingFile[]): void; onOpen(id: string): void; onChanged(): void; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useI18n();
  const [fixed, setFixed] = useState<Record<string, Report>>({});
  const [editing, setEditing] = useState<string | null>(null);
  const counts = {
    ok: state.outcomes.filter((o) => o.status === 'imported' && o.version === 1).length,
    dup: state.outcomes.filter((o) => o.status === 'duplicate').length,
    ver: state.outcomes.filter((o) => o.status === 'imported' && o.version > 1).length,
    failed: state.outcomes.filter((o) => o.status === 'failed').length,
  };
  const localRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? localRef;
  return (
    <div className="import-view">
      <div className="dropzone">
        <label className="file-button">
          <span className="button">{t.chooseFiles}</span>
          <input
            ref={ref}
            type="file"
            multiple
            accept={ACCEPT}
            className="visually-hidden-input"
            data-testid="import-input"
            onChange={(e) => {
              const files = filesFromInput(e.target.files ?? []);
              e.target.value = '';
              onFiles(files);
            }}
          />
        </label>
        <p className="muted">{t.dropHint}</p>
      </div>

      {state.total > 0 && (
        <div className="import-progress" aria-live="polite">
          <progress max={state.total} value={state.done} aria-label={t.importing(state.done, state.total)} />
          <p>{state.running ? t.importing(state.done, state.total) : t.importDone(counts.ok, counts.dup, counts.ver, counts.failed)}</p>
        </div>
      )}

      <ul className="import-results" data-testid="import-results">
        {state.outcomes.map((o, i) => {
          const report = o.status !== 'failed' ? fixed[o.id] : undefined;
          return (
            <li key={i} className={`outcome outcome-${o.status}`} data-status={o.status}>
              <span className="file-name">{o.file}</span>
              {o.status === 'failed' ? (
                <>
                  <span className="sev sev-error">{t.statusFailed}</span>
                  <span className="reason" role="alert">
                    {o.reason}
                  </span>
                </>
              ) : (
                <>
                  <span className={`sev ${o.status === 'duplicate' ? 'sev-warning' : 'sev-ok'}`}>
                    {o.status === 'duplicate' ? t.statusDuplicate : o.version > 1 ? t.statusNewVersion(o.version) : t.statusImported}
                  </span>
                  <button type="button" className="link" onClick={() => onOpen(o.id)}>
                    {report?.body.printed ?? o.body} · {report?.year ?? o.year ?? '—'}
                  </button>
                  {o.status === 'imported' && o.findings > 0 && <span className="badge badge-warning">{t.findingsBadge(o.findings)}</span>}
                  {o.status === 'imported' && o.uncertain.length > 0 && !report && (
                    <div className="uncertain">
                      <span className="warning">
                        {t.uncertainPrompt} {t.uncertainFields(o.uncertain.map((f) => (f === 'body' ? t.body : f === 'year' ? t.year : f)).join('、'))}
                      </span>
                      {editing === o.id ? (
                        <MetadataForm
                          report={{ id: o.id, body: { printed: o.body, normalized: o.body }, year: o.year }}
                          onClose={() => setEditing(null)}
                          onSaved={(r) => {
                            setFixed((f) => ({ ...f, [o.id]: r }));
                            onChanged();
                          }}
                        />
                      ) : (
                        <button type="button" className="small" onClick={() => setEditing(o.id)}>
                          {t.editMetadata}
                        </button>
                      )}
                    </div>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
