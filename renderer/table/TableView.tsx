/**
 * A statistical table in its official printed layout. Value cells form a grid reachable by
 * keyboard (one tab stop, arrows move, Shift extends the selection, Ctrl+C copies it);
 * cells involved in a finding are flagged and explain the rule on hover and focus.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Finding } from '../../core/model.ts';
import { useI18n } from '../i18n.tsx';
import { cellKey, type LayoutCell, type TableLayout } from './layout.ts';
import { isSelected, moveWithin, selectionPayload, type GridPoint, type Selection } from './selection.ts';

export interface TableViewProps {
  layout: TableLayout;
  /** Findings by cellKey. */
  findingsByCell?: Map<string, Finding[]>;
  /** A cell to highlight (search hit, finding link). */
  highlight?: string;
  onCopyCells?(payload: { text: string; html: string }, count: number): void;
}

export function TableView({ layout, findingsByCell, highlight, onCopyCells }: TableViewProps) {
  const { t } = useI18n();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [active, setActive] = useState<GridPoint>(() => {
    for (const row of layout.valueRows) for (const c of row) if (highlight && c.ref && cellKey(c.ref) === highlight) return { row: c.grid![0], col: c.grid![1] };
    return { row: 0, col: 0 };
  });
  const tableRef = useRef<HTMLTableElement>(null);
  const idBase = useMemo(() => `tbl-${layout.id}-${Math.random().toString(36).slice(2, 8)}`, [layout.id]);

  const focusCell = (p: GridPoint) => {
    setActive(p);
    const el = tableRef.current?.querySelector<HTMLElement>(`[data-grid="${p.row}-${p.col}"]`);
    el?.focus();
  };

  const copySelection = () => {
    const s = selection ?? { anchor: active, focus: active };
    const { text, html, count } = selectionPayload(layout, s);
    onCopyCells?.({ text, html }, count);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, p: GridPoint) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (move && !e.altKey) {
      e.preventDefault();
      const next = moveWithin(layout, p, move[0], move[1]);
      if (e.shiftKey) setSelection((s) => ({ anchor: s?.anchor ?? p, focus: next }));
      else setSelection(null);
      focusCell(next);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      copySelection();
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      const lastRow = layout.valueRows.length - 1;
      setSelection({ anchor: { row: 0, col: 0 }, focus: { row: lastRow, col: Math.max(...layout.valueRows.map((r) => r.length)) - 1 } });
    } else if (e.key === 'Escape' && selection) {
      e.stopPropagation();
      setSelection(null);
    }
  };

  // Dragging across cells selects their range (like a spreadsheet), not the page's text.
  const dragAnchor = useRef<GridPoint | null>(null);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!dragging) return;
    const stop = () => {
      dragAnchor.current = null;
      setDragging(false);
    };
    window.addEventListener('mouseup', stop);
    return () => window.removeEventListener('mouseup', stop);
  }, [dragging]);
  const onMouseOver = (e: MouseEvent<HTMLElement>, p: GridPoint) => {
    const anchor = dragAnchor.current;
    if (!anchor || (e.buttons & 1) === 0) return;
    if (anchor.row !== p.row || anchor.col !== p.col) window.getSelection()?.removeAllRanges();
    setSelection((s) => (s && s.focus.row === p.row && s.focus.col === p.col ? s : { anchor, focus: p }));
  };

  const onMouseDown = (e: MouseEvent<HTMLElement>, p: GridPoint) => {
    if (e.button === 0 && !e.shiftKey) {
      dragAnchor.current = p;
      setDragging(true);
    }
    if (e.shiftKey) {
      e.preventDefault();
      setSelection((s) => ({ anchor: s?.anchor ?? active, focus: p }));
      focusCell(p);
    } else {
      setSelection({ anchor: p, focus: p });
      setActive(p);
    }
  };

  const renderCell = (c: LayoutCell, i: number) => {
    if (c.header || !c.ref || !c.grid) {
      return (
        <th key={i} rowSpan={c.rowSpan} colSpan={c.colSpan}>
          {c.text}
        </th>
      );
    }
    const p = { row: c.grid[0], col: c.grid[1] };
    const key = cellKey(c.ref);
    const findings = findingsByCell?.get(key) ?? [];
    const open = findings.filter((f) => !f.dismissed);
    const state = c.cell?.state ?? 'absent';
    const tipId = open.length ? `${idBase}-tip-${p.row}-${p.col}` : undefined;
    const explanation = open.map((f) => `${t.rules[f.rule] ?? f.rule}：${f.message}`).join('\n');
    const classes = [
      'v',
      c.numeric ? 'num' : '',
      `s-${state}`,
      open.length ? (open.some((f) => f.severity === 'error') ? 'flag flag-error' : 'flag flag-warning') : '',
      isSelected(selection, p) ? 'sel' : '',
      highlight === key ? 'hit' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const isActive = active.row === p.row && active.col === p.col;
    return (
      <td
        key={i}
        colSpan={c.colSpan}
        className={classes}
        tabIndex={isActive ? 0 : -1}
        data-grid={`${p.row}-${p.col}`}
        data-cell={key}
        aria-selected={isSelected(selection, p) || undefined}
        aria-describedby={tipId}
        title={explanation || (!c.cell || state === 'missing' ? t.cellMissing : c.cell.annotation ?? c.cell.unitNote ?? undefined)}
        onKeyDown={(e) => onKeyDown(e, p)}
        onMouseDown={(e) => onMouseDown(e, p)}
        onMouseOver={(e) => onMouseOver(e, p)}
        onFocus={() => setActive(p)}
      >
        <span className="cell-text">{c.text}</span>
        {tipId && (
          <span className="tip" role="tooltip" id={tipId}>
            {explanation}
          </span>
        )}
      </td>
    );
  };

  return (
    <div className="table-scroll">
      <table className={`stat stat-${layout.id}${dragging ? ' drag-selecting' : ''}`} ref={tableRef} aria-label={layout.title}>
        {layout.head.length > 0 && (
          <thead>
            {layout.head.map((row, r) => (
              <tr key={r}>{row.map(renderCell)}</tr>
            ))}
          </thead>
        )}
        <tbody>
          {layout.body.map((row, r) => (
            <tr key={r}>{row.map(renderCell)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
