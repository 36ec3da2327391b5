/**
 * 回收站: every removal still restorable (kept across restarts until emptied or past the
 * retention), newest first. Restore a whole removal or the reports ticked in it, delete a
 * removal or everything for good (asked first), and set how many days removals are kept.
 */
import { useCallback, useEffect, useState } from 'react';
import type { TrashBatch, TrashListing, TrashSelection } from '../../core/api.ts';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../lib/apiContext.tsx';
import { useToast } from '../lib/toast.tsx';
import { BusyLine, ConfirmDialog } from '../lib/ConfirmDialog.tsx';

/** Rows drawn per removal: a removal of 2,011 reports lists the first ones and says how many more. */
const ROWS_SHOWN = 200;

export interface TrashViewProps {
  /** Changes whenever the catalogue changed elsewhere. */
  revision: number;
  onChanged(): void;
}

type Pending = { message: string; run(): Promise<void> } | null;

const localTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('zh-CN', { hour12: false });
};
const localDate = (iso: string) => iso.slice(0, 10);

export function TrashView({ revision, onChanged }: TrashViewProps) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const [listing, setListing] = useState<TrashListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Pending>(null);
  const [days, setDays] = useState('');

  const load = useCallback(
    () =>
      api.listTrash().then(
        (l) => {
          setListing(l);
          setDays(String(l.retentionDays));
          setError(null);
        },
        (e: Error) => setError(e.message),
      ),
    [api],
  );
  useEffect(() => void load(), [load, revision]);

  /** Runs one action with every button disabled, then reloads. */
  const act = async (message: string, action: () => Promise<void>) => {
    setBusy(message);
    try {
      await action();
    } catch (e) {
      toast(`${t.error}：${(e as Error).message}`);
    } finally {
      setBusy(null);
      await load();
    }
  };

  const restore = (selection: TrashSelection) =>
    act(t.restoring, async () => {
      const result = await api.restoreFromTrash(selection);
      setTicked((s) => new Set([...s].filter((id) => !result.restored.includes(id) && !result.skipped.includes(id))));
      onChanged();
      toast(t.restored(result.restored.length));
    });

  const deleteForever = (tokens: string[] | null, count: number) =>
    setConfirm({
      message: tokens ? t.confirmDeleteBatch(count) : t.confirmEmptyTrash(count),
      run: () =>
        act(t.restoring, async () => {
          const n = await api.emptyTrash(tokens);
          toast(t.deletedForever(n));
        }),
    });

  const saveDays = () => {
    const n = Number(days);
    void act(t.save, async () => {
      const saved = await api.setTrashSettings({ retentionDays: n });
      toast(t.retentionSaved(saved.retentionDays));
    });
  };

  if (error) return <div className="pane-message error" role="alert">{t.error}：{error}</div>;
  if (!listing) return <div className="pane-message">{t.loading}</div>;
  const total = listing.batches.reduce((n, b) => n + b.reports.length, 0);
  const disabled = !!busy;

  return (
    <section className="trash-view" aria-label={t.trash}>
      <div className="trash-toolbar">
        <h2>{t.trash}</h2>
        <span className="muted">{t.reportsCount(total)}</span>
        <div className="spacer" />
        <button type="button" className="small" disabled={disabled || ticked.size === 0} onClick={() => void restore({ ids: [...ticked] })}>
          {t.restoreSelected}
          {ticked.size > 0 ? ` (${ticked.size})` : ''}
        </button>
        <button type="button" className="small danger" disabled={disabled || total === 0} onClick={() => deleteForever(null, total)}>
          {t.emptyTrash}
        </button>
        <label>
          {t.retentionLabel}
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} disabled={disabled} />
        </label>
        <button type="button" className="small" disabled={disabled || days === String(listing.retentionDays) || !/^\d+$/.test(days)} onClick={saveDays}>
          {t.save}
        </button>
      </div>
      {busy && <BusyLine message={busy} />}
      {listing.batches.length === 0 ? (
        <p className="pane-message">{t.trashEmpty}</p>
      ) : (
        listing.batches.map((batch) => (
          <TrashBatchPanel
            key={batch.token}
            batch={batch}
            ticked={ticked}
            disabled={disabled}
            onTick={(id, on) =>
              setTicked((s) => {
                const next = new Set(s);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            onRestore={() => void restore({ tokens: [batch.token] })}
            onDelete={() => deleteForever([batch.token], batch.reports.length)}
          />
        ))
      )}
      {confirm && (
        <ConfirmDialog
          message={confirm.message}
          confirmLabel={t.deleteForever}
          cancelLabel={t.cancel}
          danger
          onConfirm={() => {
            const run = confirm.run;
            setConfirm(null);
            void run();
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
    </section>
  );
}

interface TrashBatchPanelProps {
  batch: TrashBatch;
  ticked: Set<string>;
  disabled: boolean;
  onTick(id: string, on: boolean): void;
  onRestore(): void;
  onDelete(): void;
}

function TrashBatchPanel({ batch, ticked, disabled, onTick, onRestore, onDelete }: TrashBatchPanelProps) {
  const { t } = useI18n();
  const shown = batch.reports.slice(0, ROWS_SHOWN);
  return (
    <article className="trash-batch" data-token={batch.token}>
      <header>
        <h3>{t.trashBatch(batch.reports.length, localTime(batch.removedAt))}</h3>
        <span className="muted">{t.trashExpires(localDate(batch.expiresAt))}</span>
        <div className="spacer" />
        <button type="button" className="small" disabled={disabled} onClick={onRestore}>
          {t.restoreBatch}
        </button>
        <button type="button" className="small danger" disabled={disabled} onClick={onDelete}>
          {t.deleteForever}
        </button>
      </header>
      <ul>
        {shown.map((r) => (
          <li key={r.id}>
            <input type="checkbox" aria-label={`${r.body} ${r.year ?? ''}`} checked={ticked.has(r.id)} disabled={disabled} onChange={(e) => onTick(r.id, e.target.checked)} />
            <span className="t-body">{r.body || r.id}</span>
            <span className="t-year">{r.year ?? '—'}</span>
            <span className="t-title" title={r.title}>
              {r.title}
            </span>
          </li>
        ))}
        {batch.reports.length > shown.length && <li className="muted">{t.trashMore(batch.reports.length - shown.length)}</li>}
      </ul>
    </article>
  );
}
