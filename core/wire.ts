/**
 * JSON codec for the browser host: like JSON, plus Uint8Array carried as {"$bytes": "<base64>"}.
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

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { [TAG]: bytesToBase64(v) } : v));
}

export function decodeWire(json: string): unknown {
  return JSON.parse(json, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === TAG) {
        const b64 = (v as Record<string, unknown>)[TAG];
        if (typeof b64 !== 'string') throw new Error('invalid $bytes value');
        return base64ToBytes(b64);
      }
    }
    return v;
  });
}
