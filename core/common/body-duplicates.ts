/**
 * Likely duplicate bodies to suggest for a merge: names equal after folding punctuation and
 * brackets, names one character apart (沐阳县 / 沭阳县), names read alike in pinyin. Found by
 * keys, not by comparing every pair (10,000 bodies). Pure.
 */
import { pinyin } from 'pinyin-pro';

export interface DuplicateSuggestion {
  a: string;
  b: string;
  reason: 'normalized' | 'oneCharacter' | 'pinyin';
  /** One Chinese sentence. */
  why: string;
}

const fold = (id: string) => id.replace(/[\p{P}\p{S}\s]/gu, '');

export function suggestDuplicates(ids: string[]): DuplicateSuggestion[] {
  const out: DuplicateSuggestion[] = [];
  const seen = new Set<string>();
  const add = (a: string, b: string, reason: DuplicateSuggestion['reason'], why: string) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const k = `${x}\u0000${y}`;
    if (x === y || seen.has(k)) return;
    seen.add(k);
    out.push({ a: x, b: y, reason, why });
  };
  const buckets = (keyOf: (id: string) => string[], reason: DuplicateSuggestion['reason'], why: string) => {
    const map = new Map<string, string[]>();
    for (const id of ids) for (const k of keyOf(id)) (map.get(k) ?? map.set(k, []).get(k)!).push(id);
    for (const group of map.values()) for (let i = 1; i < group.length; i++) add(group[0], group[i], reason, why);
  };
  buckets((id) => [fold(id)], 'normalized', '去掉标点后名称相同');
  // One character substituted: both names produce the same key with that position masked.
  buckets((id) => (id.length >= 3 ? [...id].map((_, i, chars) => `${chars.length}:${chars.slice(0, i).join('')}?${chars.slice(i + 1).join('')}`) : []), 'oneCharacter', '名称只差一个字');
  buckets((id) => [pinyin(id, { toneType: 'none', type: 'array' }).join(' ')], 'pinyin', '拼音相同');
  return out;
}
