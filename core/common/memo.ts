/**
 * Bounded memos for the parser's short, repeating strings (labels, cells, style and class
 * attributes). Keys and string results are stored detached: a string cut from a page (a
 * parser slice) would otherwise keep the whole page's text alive for as long as the memo lives.
 */

/**
 * A copy of `text` that does not share storage with a larger string. V8 keeps substrings as
 * views of their parent; concatenation then slicing yields a string backed by its own copy.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}

/** Memo for short strings: bounded, cleared when full. Long texts are computed each time (one-offs, and keys cost memory). */
export function memoized<T>(fn: (text: string) => T, maxLength = 200, maxEntries = 20_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text) => {
    if (text.length > maxLength) return fn(text);
    let out = cache.get(text);
    if (out === undefined) {
      if (cache.size >= maxEntries) cache = new Map();
      out = fn(text);
      if (typeof out === 'string') out = detached(out) as T;
      cache.set(detached(text), out);
    }
    return out;
  };
}
