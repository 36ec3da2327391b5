import { describe, expect, it } from 'vitest';
import { bodyIdentity, canonicalBodyId } from '../../core/common/body.ts';
import { bodyIdOfName, emptyRegistry, parentOf, resolveBodyId } from '../../core/common/body-registry.ts';
import { suggestDuplicates } from '../../core/common/body-duplicates.ts';

describe('canonical body identity', () => {
  it('a level of government is one body with or without 人民政府/政府, spacing and width aside', () => {
    for (const name of ['伊春市', '伊春市人民政府', '伊春市政府', '伊春 市人民政府', '“伊春市人民政府”']) expect(canonicalBodyId(name)).toBe('伊春市');
    expect(canonicalBodyId('淮安市洪泽区人民政府')).toBe('淮安市洪泽区');
  });

  it('departments are bodies of their own, their government spelled one way', () => {
    expect(canonicalBodyId('伊春市人民政府办公室')).toBe('伊春市人民政府办公室');
    expect(canonicalBodyId('伊春市政府办公室')).toBe('伊春市人民政府办公室');
    expect(canonicalBodyId('伊春市发展和改革委员会')).toBe('伊春市发展和改革委员会');
    expect(canonicalBodyId('伊春市发展和改革委员会')).not.toBe(canonicalBodyId('伊春市'));
  });

  it('reads the parent from the name: a 区/县 under its 市, a department under its government', () => {
    expect(bodyIdentity('淮安市洪泽区').parent).toBe('淮安市');
    expect(bodyIdentity('沭阳县发展和改革局').parent).toBe('沭阳县');
    expect(bodyIdentity('伊春市人民政府办公室').parent).toBe('伊春市');
    // Department words that end like places are no places.
    expect(bodyIdentity('伊春市住房和城乡建设局').parent).toBe('伊春市');
    expect(bodyIdentity('伊春市市场监督管理局').parent).toBe('伊春市');
    expect(bodyIdentity('伊春市城市管理综合执法局').parent).toBe('伊春市');
    expect(bodyIdentity('伊春市').parent).toBeNull();
  });

  it('merges and user parents in the registry win over the name', () => {
    const reg = emptyRegistry();
    reg.aliases['沐阳县'] = '沭阳县';
    expect(resolveBodyId(reg, '沐阳县')).toBe('沭阳县');
    expect(bodyIdOfName(reg, '沐阳县人民政府')).toBe('沭阳县');
    expect(parentOf(reg, '沭阳县发展和改革局')).toBe('沭阳县');
    reg.parents['沭阳县'] = '宿迁市';
    expect(parentOf(reg, '沭阳县')).toBe('宿迁市');
    reg.aliases['甲'] = '乙';
    reg.aliases['乙'] = '甲';
    expect(['甲', '乙']).toContain(resolveBodyId(reg, '甲')); // a cycle ends, it never hangs
  });

  it('suggests likely duplicates: one character apart, same after folding punctuation', () => {
    const pairs = suggestDuplicates(['沭阳县', '沐阳县', '伊春市', '淮安市洪泽区', '“淮安市洪泽区”']);
    expect(pairs).toContainEqual(expect.objectContaining({ a: '沐阳县', b: '沭阳县', reason: 'oneCharacter' }));
    expect(pairs.some((p) => p.reason === 'normalized' && [p.a, p.b].includes('淮安市洪泽区'))).toBe(true);
    expect(pairs.some((p) => [p.a, p.b].includes('伊春市'))).toBe(false);
  });
});
