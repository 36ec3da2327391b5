/** One printed table cell → Cell (value, state, raw, annotation, unit note). Never guesses a 0. */
import type { Cell } from '../model.ts';
import type { ColumnSpec } from '../spec.ts';
import { foldWidth } from '../common/text.ts';
import { detached } from '../common/memo.ts';

const DASHES = new Set(['-', '—', '–', '－', '——', '−', '―', '--', '———']);
const SLASHES = new Set(['/', '／', '\\', '//']);
const UNIT_SUFFIXES = new Set(['件', '项', '个', '条', '次', '人', '人次', '家', '份']);

export const YUAN_NOTE = '原文以元为单位，已换算为万元 (printed in 元, converted to 万元)';

/** Cleans a raw cell: trims whitespace (incl. &nbsp;), removes Markdown bold markers. */
export function cleanRaw(raw: string): string {
  return raw.replace(/\*\*/g, '').replace(/^[\s\u00a0\u200b\ufeff]+|[\s\u00a0\u200b\ufeff]+$/g, '');
}

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(.*)$/;

/** Parses "+1036", "减4", "增3", "-4", "增加3", "减少 4" → signed number. */
function parseSigned(text: string): number | null {
  const m = /^(增加|增|减少|减|\+|-|−)?(\d+(?:\.\d+)?)(个|项|件)?$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === '减' || m[1] === '减少' || m[1] === '-' || m[1] === '−' ? -n : n;
}

/**
 * Parses a cell for a column. Blank → 'blank', "/" → 'slash', "—"/"-" → 'dash', a number
 * (thousands separators, full-width digits, a trailing annotation in brackets, a unit) →
 * 'number'; anything else → 'text' with value null.
 */
export function parseCell(rawText: string, column?: ColumnSpec): Cell {
  return { ...sharedCell(rawText, column) };
}

/** The state parseCell gives a cell, without copying the cell (the mappers ask it of every cell several times). */
export function cellState(rawText: string, column?: ColumnSpec): Cell['state'] {
  return sharedCell(rawText, column).state;
}

/** The same few cell texts repeat in every table of every report: parsed once, shared (never handed out). */
function sharedCell(rawText: string, column?: ColumnSpec): Cell {
  if (rawText.length > MEMO_MAX_LENGTH) return parseCellUncached(rawText, column);
  const cache = column?.kind === 'signedText' ? signedCells : column?.kind === 'decimal' ? decimalCells : plainCells;
  let cell = cache.get(rawText);
  if (cell === undefined) {
    if (cache.size >= MEMO_MAX_ENTRIES) cache.clear();
    cell = parseCellUncached(rawText, column);
    // Kept by the memo: its strings must not hold the page they were cut from.
    cell.raw = detached(cell.raw);
    if (cell.annotation !== undefined) cell.annotation = detached(cell.annotation);
    cache.set(detached(rawText), cell);
  }
  return cell;
}

const MEMO_MAX_LENGTH = 64;
const MEMO_MAX_ENTRIES = 20_000;
/** Parsed cells by raw text, per column kind (the only thing of the column parsing depends on). */
const plainCells = new Map<string, Cell>();
const signedCells = new Map<string, Cell>();
const decimalCells = new Map<string, Cell>();

function parseCellUncached(rawText: string, column?: ColumnSpec): Cell {
  const raw = cleanRaw(rawText);
  if (raw === '') return { value: null, state: 'blank', raw };
  const text = foldWidth(raw).replace(/[\s\u00a0]+/g, '');
  if (text === '') return { value: null, state: 'blank', raw };
  if (SLASHES.has(text)) return { value: null, state: 'slash', raw };
  if (DASHES.has(text) || /^[-—–－―−]+$/.test(text)) return { value: null, state: 'dash', raw };
  if (column?.kind === 'signedText') {
    const signed = parseSigned(text);
    if (signed !== null) return { value: signed, state: 'number', raw };
  }
  const m = NUMBER.exec(text);
  if (!m) return { value: null, state: 'text', raw };
  const [, sign, intPart, fraction = '', restRaw] = m;
  let value = Number(`${sign}${intPart.replace(/,/g, '')}${fraction}`);
  if (!Number.isFinite(value)) return { value: null, state: 'text', raw };
  const rest = restRaw;
  if (rest === '' || UNIT_SUFFIXES.has(rest)) return { value, state: 'number', raw };
  if (rest === '万元' || rest === '万') return { value, state: 'number', raw };
  if (rest === '元') {
    if (column?.kind === 'decimal') {
      value = Math.round((value / 10000) * 1e8) / 1e8;
      return { value, state: 'number', raw, unitNote: YUAN_NOTE };
    }
    return { value, state: 'number', raw };
  }
  const annotation = /^(?:件|项|个|条)?\((.+)\)$/.exec(rest);
  if (annotation) return { value, state: 'number', raw, annotation: annotation[1] };
  return { value: null, state: 'text', raw };
}

export const missingCell = (): Cell => ({ value: null, state: 'missing', raw: '' });
