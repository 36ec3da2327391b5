/** The browser host's JSON codec (core/wire.ts): bytes and long same-shaped lists survive the round trip exactly. */
import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../core/wire.ts';

const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `2022-${i}`, body: '伊春市', year: i % 3 ? 2022 : null, latest: i % 2 === 0, findings: i, tags: ['a', { deep: i }] }));

describe('wire codec', () => {
  it('sends a long list of same-shaped rows as one key list plus value rows, and decodes it back exactly', () => {
    const payload = { result: rows(100) };
    const text = encodeWire(payload);
    expect(text).toContain('"$table"');
    expect(text.match(/"body"/g)).toHaveLength(1); // keys once, not once per row
    expect(text.length).toBeLessThan(JSON.stringify(payload).length * 0.8);
    expect(decodeWire(text)).toEqual(payload);
  });

  it('keeps short lists, mixed shapes and rows with an undefined field as plain JSON would', () => {
    const mixed = [...rows(40), { id: 'x' }];
    const withUndefined = rows(40).map((r, i) => ({ ...r, note: i === 3 ? undefined : 'n' }));
    for (const value of [rows(5), mixed, withUndefined]) {
      expect(decodeWire(encodeWire(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }
    const decoded = decodeWire(encodeWire(withUndefined)) as Record<string, unknown>[];
    expect('note' in decoded[3]).toBe(false);
  });

  it('carries bytes inside packed rows and never turns a "__proto__" key into a prototype', () => {
    const list = Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, bytes: new Uint8Array([i, 255]) }));
    const back = decodeWire(encodeWire(list)) as { bytes: Uint8Array }[];
    expect(back[7].bytes).toBeInstanceOf(Uint8Array);
    expect([...back[7].bytes]).toEqual([7, 255]);
    const odd = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}');
    const decoded = decodeWire(encodeWire(Array.from({ length: 40 }, () => odd))) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(decoded[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(decoded[0])).toEqual(['__proto__', 'k']);
  });

  it('refuses a malformed packed list', () => {
    expect(() => decodeWire('{"$table": {"keys": ["a"], "rows": [[1, 2]]}}')).toThrow(/invalid \$table/);
    expect(() => decodeWire('{"$table": {"keys": [1], "rows": []}}')).toThrow(/invalid \$table/);
  });
});
