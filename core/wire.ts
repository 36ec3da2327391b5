/**
 * JSON codec for the browser host: like JSON, plus Uint8Array carried as {"$bytes": "<base64>"},
 * and long lists of same-shaped objects (the library's catalogue rows) carried as
 * {"$table": {"keys": [...], "rows": [[...], ...]}}. decodeWire restores both exactly.
 * Pure (runs in Node and in the page).
 */

const TAG = '$bytes';

interface BufferLike {
  from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string };
}
/** Node's Buffer when present (fast path); the page uses btoa/atob. */
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes).toString('base64');
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function base64ToBytes(base64: string): Uint8Array {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new Error('invalid base64 in $bytes');
  if (NodeBuffer) {
    const buf = NodeBuffer.from(base64, 'base64');
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength).slice();
  }
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Tag of a list of same-shaped objects sent as one key list plus value rows (see packTables). */
const TABLE_TAG = '$table';
/** Lists shorter than this are sent as they are: packing pays off on long lists (the library's rows). */
const PACK_MIN_ROWS = 32;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.getPrototypeOf(v) === Object.prototype;

/** The keys shared by every element when all are plain objects with the same keys in the same order, else null. */
function sharedKeys(list: unknown[]): string[] | null {
  if (list.length < PACK_MIN_ROWS || !isPlainObject(list[0])) return null;
  const keys = Object.keys(list[0]);
  for (const item of list) {
    if (!isPlainObject(item)) return null;
    const own = Object.keys(item);
    if (own.length !== keys.length) return null;
    for (let k = 0; k < keys.length; k++) if (own[k] !== keys[k]) return null;
  }
  return keys;
}

/** Sets an own property, also for the key "__proto__" (as JSON.parse does), never the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Prepares a value for JSON: Uint8Array → {"$bytes"}, long lists of same-shaped objects →
 * {"$table": {keys, rows}} (10,000 catalogue rows: a third smaller and much faster to parse
 * than 10,000 objects repeating their keys), undefined → dropped as JSON.stringify would.
 */
function pack(v: unknown): unknown {
  if (v instanceof Uint8Array) return { [TAG]: bytesToBase64(v) };
  if (!v || typeof v !== 'object') return v;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return v; // Date and friends: JSON decides
  if (Array.isArray(v)) {
    const keys = sharedKeys(v);
    // A key whose value is undefined in some row must stay absent after decoding: not packed then.
    if (keys && !v.some((item) => keys.some((k) => (item as Record<string, unknown>)[k] === undefined))) {
      const rows = v.map((item) => {
        const row = new Array(keys.length);
        for (let k = 0; k < keys.length; k++) {
          const cell = (item as Record<string, unknown>)[keys[k]];
          row[k] = cell !== null && typeof cell === 'object' ? pack(cell) : cell;
        }
        return row;
      });
      return { [TABLE_TAG]: { keys, rows } };
    }
    return v.map(pack);
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) setOwn(out, k, pack((v as Record<string, unknown>)[k]));
  return out;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(pack(value));
}

function unpack(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = unpack(v[i]);
    return v;
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === TAG) {
    const b64 = o[TAG];
    if (typeof b64 !== 'string') throw new Error('invalid $bytes value');
    return base64ToBytes(b64);
  }
  if (keys.length === 1 && keys[0] === TABLE_TAG) {
    const table = o[TABLE_TAG] as { keys?: unknown; rows?: unknown } | null;
    if (!table || !Array.isArray(table.keys) || !Array.isArray(table.rows) || !table.keys.every((k) => typeof k === 'string')) {
      throw new Error('invalid $table value');
    }
    const names = table.keys as string[];
    return table.rows.map((row: unknown) => {
      if (!Array.isArray(row) || row.length !== names.length) throw new Error('invalid $table row');
      const item: Record<string, unknown> = {};
      for (let k = 0; k < names.length; k++) {
        const cell: unknown = row[k];
        setOwn(item, names[k], cell !== null && typeof cell === 'object' ? unpack(cell) : cell);
      }
      return item;
    });
  }
  for (const k of keys) o[k] = unpack(o[k]);
  return o;
}

export function decodeWire(json: string): unknown {
  const value: unknown = JSON.parse(json);
  // Most payloads carry neither bytes nor packed lists: no walk at all.
  return json.includes(`"${TAG}"`) || json.includes(`"${TABLE_TAG}"`) ? unpack(value) : value;
}
