/**
 * Group labels beside their first row (issue #11): table 三 drawn as WPS prints it, with
 * 三、本年度办理结果 one character per line starting on the baseline of （一）予以公开, the
 * （三）–（六） group labels starting on the baseline of their first sub-row (（五） set tight
 * against it), and a page break inside （四）. No row may be lost or take a neighbour's figures.
 * Fixture: test/fixtures/office/make-group-labels.mjs (hand-written PDF operators, huaian-2024's geometry).
 */
import { describe, expect, it } from 'vitest';
import { importDocument } from '../../core/ingest/index.ts';
import { tableValues } from '../../core/model.ts';
import { readFixture } from '../support/fixtures.ts';

const COLS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other', 'total'];
const row7 = (...values: number[]) => Object.fromEntries(COLS.map((c, i) => [c, values[i]]));
const z = (n: number) => row7(n, 0, 0, 0, 0, 0, n);

describe('group-labels-wps.pdf: group labels printed vertically beside their first rows', async () => {
  const name = 'group-labels-wps.pdf';
  const { parsed: r, evaluations } = await importDocument(readFixture('office', name), name);

  it('reads every one of the 175 cells of table 三 as printed', () => {
    expect(tableValues(r.tables).applications).toEqual({
      received: row7(103, 9, 0, 0, 3, 0, 115),
      carriedOver: z(2),
      granted: row7(30, 2, 0, 0, 0, 0, 32),
      partial: z(5),
      'denied.stateSecret': z(1),
      'denied.lawForbidden': z(3),
      'denied.securityStability': z(2),
      'denied.thirdParty': row7(6, 1, 0, 0, 0, 0, 7),
      'denied.internalAffairs': z(2),
      'denied.processInfo': z(4),
      'denied.enforcementFiles': z(0),
      'denied.queryMatters': z(9),
      'unavailable.notHeld': row7(21, 2, 0, 0, 1, 0, 24),
      'unavailable.needsCreation': z(2),
      'unavailable.unclear': z(1),
      'notProcessed.complaint': row7(2, 1, 0, 0, 0, 0, 3),
      'notProcessed.duplicate': z(5),
      'notProcessed.publication': z(0),
      'notProcessed.massRepeated': z(0),
      'notProcessed.confirmation': z(1),
      'otherHandling.noCorrection': row7(3, 0, 0, 0, 1, 0, 4),
      'otherHandling.noFee': z(0),
      'otherHandling.other': z(2),
      resultTotal: row7(99, 6, 0, 0, 2, 0, 107),
      carriedForward: row7(6, 3, 0, 0, 1, 0, 10),
    });
  });

  it('finds no row of table 三 missing and the table adds up', () => {
    const applications = (e: { key: string }) => e.key.includes('applications');
    expect(r.parseFindings.filter(applications).map((f) => f.key)).toEqual([]);
    expect(evaluations.filter((e) => applications(e) && e.status === 'fail').map((e) => e.key)).toEqual([]);
  });

  it('keeps the characters of the group labels out of the chapters', () => {
    expect(r.chapters.find((c) => c.id === 'applications')?.paragraphs).toEqual([]);
    expect(r.chapters.find((c) => c.id === 'problems')?.paragraphs).toEqual(['依申请公开答复的规范性有待提高，下一步将加强培训。']);
  });
});
