/**
 * `body:` matching: normalized substring, fuzzy (fuse.js: typos, missing 市/县/人民政府) and
 * pinyin (pinyin-pro: `yichun`, initials `yc`). Works over the distinct body names only.
 */
import Fuse from 'fuse.js';
import { pinyin } from 'pinyin-pro';
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
  pinyin: string;
  initials: string;
}

export class BodyMatcher {
  private entries: BodyEntry[] = [];
  private names = new Map<string, number>();
  private fuse: Fuse<BodyEntry> | null = null;
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
    this.fuse = null;
    this.cache.clear();
  }

  private ensure(): void {
    if (this.fuse) return;
    const old = new Map(this.entries.map((e) => [e.name, e]));
    this.entries = [...this.names.keys()].map((name) => {
      const prev = old.get(name);
      if (prev) return prev;
      const core = bodyCore(name);
      const syllables = pinyin(normalize(name), { toneType: 'none', type: 'array', nonZh: 'consecutive' }) as string[];
      return {
        name,
        norm: normalize(name),
        core,
        pinyin: syllables.join('').toLowerCase(),
        initials: syllables.map((s) => s[0] ?? '').join('').toLowerCase(),
      };
    });
    this.fuse = new Fuse(this.entries, { keys: ['norm', 'core'], threshold: 0.5, ignoreLocation: true, includeScore: true });
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
    const qCore = bodyCore(q) || q;
    const ascii = /^[a-z0-9]+$/.test(q);
    for (const e of this.entries) {
      if (e.norm.includes(q) || e.norm.includes(qCore) || (e.core && q.includes(e.core) && e.core.length >= 2)) out.add(e.name);
      else if (ascii && (e.pinyin.startsWith(q) || (q.length >= 2 && e.initials.startsWith(q)))) out.add(e.name);
    }
    if (out.size === 0 && !ascii) for (const r of this.fuse!.search(qCore)) out.add(r.item.name);
    this.cache.set(q, out);
    return out;
  }
}
