/**
 * 机关管理: every body with its printed names, parent and report counts; likely duplicates with
 * one-click merge; rename and set the parent of a body; undo the latest change. Each change is
 * one archive write that moves the reports and re-runs the cross-year rules (core/service/bodies.ts);
 * the toast offers undo, and so does the panel, for as long as there is history.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BodyChangeResult, BodySummary, DuplicateSuggestion } from '../../core/api.ts';
import { useApi } from '../lib/apiContext.tsx';
import { useToast } from '../lib/toast.tsx';

/** Bodies drawn at first; the filter finds the others. */
const BODIES_SHOWN = 200;

export function BodiesPanel({ bodies, onChanged }: { bodies: BodySummary[]; onChanged: () => void }) {
  const api = useApi();
  const toast = useToast();
  const [suggestions, setSuggestions] = useState<DuplicateSuggestion[] | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [editingParent, setEditingParent] = useState<string | null>(null);
  const [parent, setParent] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    void api.suggestDuplicateBodies().then(setSuggestions);
  }, [api, bodies]);
  const byId = useMemo(() => new Map(bodies.map((b) => [b.id, b])), [bodies]);

  const run = useCallback(
    async (change: () => Promise<BodyChangeResult | null>) => {
      setError('');
      try {
        const result = await change();
        onChanged();
        if (!result) return toast('没有可撤销的机关修改');
        toast(result.moved.length ? `${result.description}（移动 ${result.moved.length} 份报告）` : result.description, {
          label: '撤销',
          run: () => void run(() => api.undoBodyChange()),
        });
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [api, onChanged, toast],
  );

  const shown = bodies.filter((b) => !filter || b.id.includes(filter) || b.name.includes(filter) || b.names.some((n) => n.includes(filter)));
  const label = (id: string) => byId.get(id)?.name ?? id;
  return (
    <div className="bodies-panel" data-testid="bodies-panel">
      <p>
        <button type="button" onClick={() => void run(() => api.undoBodyChange())}>
          撤销上一次机关修改
        </button>
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <h3>可能重复的机关</h3>
      {suggestions === null ? (
        <p className="muted">正在查找…</p>
      ) : suggestions.length === 0 ? (
        <p className="muted">没有发现可能重复的机关。</p>
      ) : (
        <ul className="duplicate-suggestions">
          {suggestions.map((s) => (
            <li key={`${s.a}|${s.b}`}>
              {label(s.a)}（{byId.get(s.a)?.reports ?? 0} 份） ↔ {label(s.b)}（{byId.get(s.b)?.reports ?? 0} 份）：{s.why}{' '}
              <button type="button" className="small" onClick={() => void run(() => api.mergeBodies(s.a, s.b))}>
                并入 {label(s.b)}
              </button>{' '}
              <button type="button" className="small" onClick={() => void run(() => api.mergeBodies(s.b, s.a))}>
                并入 {label(s.a)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>全部机关（{bodies.length}）</h3>
      <input type="search" aria-label="筛选机关" placeholder="筛选机关" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <table className="grid bodies-table">
        <thead>
          <tr>
            <th>机关</th>
            <th>报告中的名称</th>
            <th>上级</th>
            <th>报告</th>
            <th>版本</th>
            <th>年度</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, BODIES_SHOWN).map((b) => (
            <tr key={b.id} data-body={b.id}>
              <th scope="row">
                {editing === b.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      setEditing(null);
                      void run(() => api.renameBody(b.id, name));
                    }}
                  >
                    <input aria-label={`${b.name} 的新名称`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
                    <button type="submit" className="small">
                      确定
                    </button>
                  </form>
                ) : (
                  b.name
                )}
              </th>
              <td>{b.names.join('、')}</td>
              <td>
                {editingParent === b.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      setEditingParent(null);
                      void run(() => api.setBodyParent(b.id, parent.trim() || null));
                    }}
                  >
                    <input aria-label={`${b.name} 的上级`} list="nianbao-body-ids" value={parent} placeholder="（无上级）" onChange={(e) => setParent(e.target.value)} autoFocus />
                    <button type="submit" className="small">
                      确定
                    </button>
                  </form>
                ) : (
                  <>
                    {b.parent ? label(b.parent) : <span className="muted">（无）</span>}{' '}
                    <button
                      type="button"
                      className="small"
                      onClick={() => {
                        setEditingParent(b.id);
                        setParent(b.parent ?? '');
                      }}
                    >
                      设上级
                    </button>
                  </>
                )}
              </td>
              <td className="num">{b.reports}</td>
              <td className="num">{b.versions}</td>
              <td>{b.years.join('、')}</td>
              <td>
                <button
                  type="button"
                  className="small"
                  onClick={() => {
                    setEditing(b.id);
                    setName(b.name);
                  }}
                >
                  改名
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <datalist id="nianbao-body-ids">
        {bodies.map((b) => (
          <option key={b.id} value={b.id} />
        ))}
      </datalist>
      {shown.length > BODIES_SHOWN && <p className="muted">另有 {shown.length - BODIES_SHOWN} 个机关，请用筛选查找。</p>}
    </div>
  );
}
