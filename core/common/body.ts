/**
 * Which body a report belongs to: a canonical body id derived from the name as printed, so that
 * 伊春市, 伊春市人民政府 and 伊春市政府 are one body while 伊春市人民政府办公室 and
 * 伊春市发展和改革委员会 (departments) are bodies of their own; and the parent that can be read
 * from a name (淮安市洪泽区 → 淮安市, 沭阳县发展和改革局 → 沭阳县). Pure: the renderer may use it.
 *
 * The id is itself a readable name (the level of government without 人民政府/政府, a department
 * with its government spelled 人民政府), so users and scripts can type it.
 */
import { normalizeBodyName } from './text.ts';
import { memoized } from './memo.ts';

/** Suffixes of a place (level of government); longest first so 自治区 wins over 区. */
const PLACE_SUFFIX = '(?:特别行政区|自治区|自治州|自治县|自治旗|街道|省|市|县|区|旗|州|盟|镇|乡)';
/** One place segment: a short name and its suffix. Lazy, so 淮安市洪泽区 splits into two. */
const PLACE_SEGMENT = new RegExp(`^[^省市县区旗州盟镇乡]{1,10}?${PLACE_SUFFIX}`);
/** Words that end like a place but are part of a department's name (城市管理局, 市场监督管理局 …). */
const NOT_A_PLACE = /^(?:城市|都市|超市|社区|园区|小区|辖区|市区|城区|街区|景区|片区|校区|矿区|林区|牧区|山区|灾区|港区|库区)/;
/** A segment joined by 和/与/及 or ending in 城乡 is a department's field (住房和城乡建设局), not a place. */
const DEPARTMENT_WORD = /^.+[和与及]|城乡$/;
/** Government of a place: 人民政府 or 政府 right after the place. */
const GOVERNMENT = /^(?:人民)?政府/;

/** Strips brackets and quotes a site may print around a name, then the parser's normalization. */
function cleanName(printed: string): string {
  return normalizeBodyName(printed).replace(/[“”"'《》「」]/g, '');
}

/**
 * The place segments a name starts with: 淮安市洪泽区发展和改革委员会 → [淮安市, 洪泽区], and the rest
 * (发展和改革委员会). A segment followed by 场 (市场 …) or that is a department word ends the places.
 */
export function splitPlaces(name: string): { places: string[]; rest: string } {
  const places: string[] = [];
  let rest = name;
  for (;;) {
    const m = PLACE_SEGMENT.exec(rest);
    if (!m) break;
    const segment = m[0];
    const after = rest.slice(segment.length);
    if (NOT_A_PLACE.test(rest) || DEPARTMENT_WORD.test(segment) || /^[场级域]/.test(after)) break;
    places.push(segment);
    rest = after;
  }
  return { places, rest };
}

export type BodyKind = 'government' | 'department' | 'unknown';

export interface BodyIdentity {
  /** Canonical id ('' when the name is empty). */
  id: string;
  kind: BodyKind;
  /** The parent read from the name (a 区/县's 市, a department's government), or null. */
  parent: string | null;
}

/** The canonical body of a printed name. */
export function bodyIdentity(printed: string): BodyIdentity {
  const name = cleanName(printed);
  if (!name) return { id: '', kind: 'unknown', parent: null };
  const { places, rest } = splitPlaces(name);
  if (places.length === 0) return { id: name, kind: 'unknown', parent: null };
  const place = places.join('');
  const afterGovernment = rest.replace(GOVERNMENT, '');
  if (afterGovernment === '') {
    // 伊春市 / 伊春市人民政府 / 伊春市政府: the level of government itself.
    return { id: place, kind: 'government', parent: places.length > 1 ? places.slice(0, -1).join('') : null };
  }
  // A department: its government spelled one way, so 伊春市政府办公室 = 伊春市人民政府办公室.
  const id = GOVERNMENT.test(rest) ? `${place}人民政府${afterGovernment}` : `${place}${rest}`;
  return { id, kind: 'department', parent: place };
}

/** The canonical body id of a printed name: 伊春市人民政府 → 伊春市. */
export function canonicalBodyId(printed: string): string {
  return bodyIdentity(printed).id;
}

/** The parent read from a body's id or name, or null. */
export const parentFromName: (printed: string) => string | null = memoized((printed) => bodyIdentity(printed).parent, 200, 50_000);
