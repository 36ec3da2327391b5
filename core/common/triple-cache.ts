/**
 * One value per (a, b, c) string triple, made once and then shared (cell references, cell
 * "where" strings: the same few hundred cells named over and over). At most `limit` are kept:
 * ids beyond that (a corrupt or hostile file's) are made each time instead of growing the cache.
 */
export function tripleCache<T>(make: (a: string, b: string, c: string) => T, limit = 10_000): (a: string, b: string, c: string) => T {
  const cache = new Map<string, Map<string, Map<string, T>>>();
  let size = 0;
  return (a, b, c) => {
    let byB = cache.get(a);
    if (!byB) cache.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (!byC) byB.set(b, (byC = new Map()));
    let value = byC.get(c);
    if (value === undefined) {
      value = make(a, b, c);
      if (size < limit) {
        byC.set(c, value);
        size++;
      }
    }
    return value;
  };
}
