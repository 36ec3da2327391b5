/**
 * `body:` matching: normalized substring (missing 市/县/人民政府), the canonical body
 * (core/common/body.ts: 伊春市政府 = 伊春市人民政府 = 伊春市), pinyin (pinyin-pro: `yichun`,
 * initials `yc`) and, only when nothing else matched, a one-character typo. Works over the
 * distinct body names only.
 */
import { pinyin } from 'pinyin-pro';
import { canonicalBodyId } from '../common/body.ts';
import { normalize } from './normalize.ts';

const SUFFIXES = /(人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|政府)$/;
const ADMIN = /[省市县区旗镇乡]$/;

/** Core of a body name: without 人民政府 and a trailing 市/县/区. */
export function bodyCore(name: string): string {
  let n = normalize(name).replace(SUFFIXES, '');
  if (n.length > 2) n = n.replace(ADMIN, '');
  return n;
}

interface BodyEntry {
  name: string;
  norm: string;
  core: string;
  /** Canonical body id, normalized (伊春市 for 伊春市人民政府). */
  canonical: string;
  pinyin: string;
  initials: string;
  /** Pinyin of the canonical id: a typo that sounds the same (伊椿市) still finds it. */
  canonicalPinyin: string;
}

/** Typo tolerance starts at three characters: two-character names differ by one in hundreds of pairs (沐阳/洛阳). */
const TYPO_MIN_LENGTH = 3;

/** Same length and exactly one character different: 沐阳县 ↔ 沭阳县, not 沐阳县 ↔ 洛阳市. */
export function oneSubstitutionApart(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < TYPO_MIN_LENGTH) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differences > 1) return false;
  return differences === 1;
}

/** The two characters that differ when `a` and `b` are one substitution apart, else null. */
function substitutedPair(a: string, b: string): [string, string] | null {
  if (!oneSubstitutionApart(a, b)) return null;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return [a[i], b[i]];
  return null;
}

/** Same pinyin initial or same final: how a typed or misread character usually goes wrong. */
function soundAlike(a: string, b: string): boolean {
  const part = (c: string, pattern: 'initial' | 'final') => pinyin(c, { pattern, toneType: 'none' });
  const finalA = part(a, 'final');
  const initialA = part(a, 'initial');
  return (finalA !== '' && finalA === part(b, 'final')) || (initialA !== '' && initialA === part(b, 'initial'));
}

function spelled(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
}

export class BodyMatcher {
  private entries: BodyEntry[] = [];
  private names = new Map<string, number>();
  private built = false;
  private cache = new Map<string, Set<string>>();

  /** Keeps the distinct names in step with the index (reference counted). */
  addName(name: string): void {
    const n = this.names.get(name) ?? 0;
    this.names.set(name, n + 1);
    if (n === 0) this.invalidate();
  }
  removeName(name: string): void {
    const n = this.names.get(name) ?? 0;
    if (n <= 1) {
      this.names.delete(name);
      this.invalidate();
    } else this.names.set(name, n - 1);
  }
  clear(): void {
    this.names.clear();
    this.entries = [];
    this.invalidate();
  }
  private invalidate(): void {
    this.built = false;
    this.cache.clear();
  }

  private ensure(): void {
    if (this.built) return;
    const old = new Map(this.entries.map((e) => [e.name, e]));
    this.entries = [...this.names.keys()].map((name) => {
      const prev = old.get(name);
      if (prev) return prev;
      const core = bodyCore(name);
      const syllables = spelled(normalize(name));
      const canonical = normalize(canonicalBodyId(name)) || normalize(name);
      return {
        name,
        norm: normalize(name),
        core,
        canonical,
        pinyin: syllables.join('').toLowerCase(),
        initials: syllables.map((s) => s[0] ?? '').join('').toLowerCase(),
        canonicalPinyin: spelled(canonical).join('').toLowerCase(),
      };
    });
    this.built = true;
  }

  /**
   * Body names a bare Latin term spells (no `body:`): the whole pinyin from its start (`yichun`,
   * 3+ letters) or the initials (`yc`). Other words (`pdf`, `app`) match no body, as do digits.
   */
  matchSpoken(term: string): Set<string> {
    const q = normalize(term);
    const key = `\u0000spoken:${q}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const out = new Set<string>();
    if (/^[a-z]{2,}$/.test(q)) {
      this.ensure();
      for (const e of this.entries) if ((q.length >= 3 && e.pinyin.startsWith(q)) || e.initials.startsWith(q)) out.add(e.name);
    }
    this.cache.set(key, out);
    return out;
  }

  /** Body names (as printed) matching `query`. */
  match(query: string): Set<string> {
    const q = normalize(query);
    const cached = this.cache.get(q);
    if (cached) return cached;
    this.ensure();
    const out = new Set<string>();
    if (!q) return out;
    const ascii = /^[a-z0-9]+$/.test(q);
    this.addExact(q, ascii, out);
    if (out.size === 0 && !ascii) for (const corrected of this.typoCorrections(q)) this.addExact(corrected, false, out);
    this.cache.set(q, out);
    return out;
  }

  /** Substring, missing suffixes, the canonical body and pinyin: what a correctly typed name finds. */
  private addExact(q: string, ascii: boolean, out: Set<string>): void {
    const qCore = bodyCore(q) || q;
    const qCanonical = ascii ? '' : normalize(canonicalBodyId(q));
    for (const e of this.entries) {
      if (e.norm.includes(q) || e.norm.includes(qCore) || (e.core && q.includes(e.core) && e.core.length >= 2)) out.add(e.name);
      else if (qCanonical && e.canonical === qCanonical) out.add(e.name);
      else if (ascii && (e.pinyin.startsWith(q) || (q.length >= 2 && e.initials.startsWith(q)))) out.add(e.name);
    }
  }

  /**
   * The canonical names a mistyped query means, closest first and only the closest kind kept:
   * one character substituted by one that sounds alike (伊椿市 → 伊春市, 沐阳县 → 沭阳县: same
   * initial or final), then a name spelled the same in pinyin, then any one substitution in a
   * name of three or more. So 沐阳县 finds 沭阳县, not 岳阳县/泗阳县 beside it.
   */
  private typoCorrections(q: string): Set<string> {
    const qCanonical = normalize(canonicalBodyId(q)) || q;
    const qPinyin = spelled(qCanonical).join('').toLowerCase();
    const tiers: Set<string>[] = [new Set(), new Set(), new Set()];
    for (const e of this.entries) {
      const swapped = substitutedPair(qCanonical, e.canonical);
      if (swapped && soundAlike(swapped[0], swapped[1])) tiers[0].add(e.canonical);
      else if (qPinyin.length >= 4 && e.canonicalPinyin === qPinyin) tiers[1].add(e.canonical);
      else if (swapped || oneSubstitutionApart(q, e.norm)) tiers[2].add(e.canonical);
    }
    return tiers.find((t) => t.size > 0) ?? new Set();
  }
}
