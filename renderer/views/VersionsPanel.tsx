/**
 * The reader's versions menu: every stored version of this report's body+year (re-imports of
 * another copy of the same report), each openable, and what changed between the one on screen
 * and another (cells and chapter text, the shared ReportDiff).
 */
import { useEffect, useState } from 'react';
import type { CatalogueEntry, ReportComparison } from '../../core/api.ts';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../lib/apiContext.tsx';
import { ReportDiff } from './ReportDiff.tsx';

export interface VersionsPanelProps {
  /** The report on screen. */
  current: { id: string; version: number };
  versions: CatalogueEntry[];
  /** What the list is of, for its label (body and year). */
  what: string;
  onOpen(id: string): void;
  onClose(): void;
}

export function VersionsPanel({ current, versions, what, onOpen, onClose }: VersionsPanelProps) {
  const { t } = useI18n();
  const api = useApi();
  const [other, setOther] = useState<CatalogueEntry | null>(null);
  const [comparison, setComparison] = useState<ReportComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!other) return setComparison(null);
    let live = true;
    setComparison(null);
    // The other version first: "removed" is what the one on screen dropped, "added" what it brought.
    api.compareReports(other.id, current.id).then(
      (c) => live && (setComparison(c), setError(null)),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, other, current.id]);

  return (
    <section
      className="versions-panel"
      aria-label={t.versionsOf(what)}
      data-testid="versions-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2>{t.versionsOf(what)}</h2>
        <button type="button" className="small" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </div>
      <ul className="version-list">
        {versions.map((v) => {
          const isCurrent = v.id === current.id;
          return (
            <li key={v.id} data-version={v.version} aria-current={isCurrent ? 'true' : undefined} className={isCurrent ? 'current' : undefined}>
              <span className="badge">{t.version(v.version)}</span> {v.latest && <span className="badge badge-ok">{t.latestVersion}</span>}{' '}
              {isCurrent && <span className="badge badge-muted">{t.currentVersion}</span>} <span className="muted">{v.importedAt.slice(0, 10)}</span>{' '}
              <span className="version-file" title={v.fileName}>
                {v.fileName}
              </span>{' '}
              {!isCurrent && (
                <>
                  <button type="button" className="small" onClick={() => onOpen(v.id)}>
                    {t.openVersion} {t.version(v.version)}
                  </button>{' '}
                  <button type="button" className="small" aria-pressed={other?.id === v.id} onClick={() => setOther(other?.id === v.id ? null : v)}>
                    {t.compareWithVersion(v.version)}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {t.error}：{error}
        </p>
      )}
      {other && comparison && (
        <div className="version-diff" data-testid="version-diff">
          <h3>{t.versionChanges(other.version, current.version)}</h3>
          <ReportDiff result={comparison} labels={[t.version(other.version), `${t.version(current.version)}（${t.currentVersion}）`]} />
        </div>
      )}
    </section>
  );
}
