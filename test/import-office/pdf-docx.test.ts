// PDF and DOCX renderings of one report (made by test/fixtures/office/make-fixtures.mjs with
// LibreOffice from songling-2022.html) must import to exactly the cells of the HTML original.
import { readFileSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import { importDocument, ImportError, type ImportedDocument } from '../../core/ingest/index.ts';
import { tableValues, type StatTable } from '../../core/model.ts';
import type { TableId } from '../../core/spec.ts';
import { extractPdf } from '../../core/import/pdf/extract.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/office/${name}`, import.meta.url)));
const load = (name: string) => importDocument(fixture(name), name);

function cellStates(tables: Partial<Record<TableId, StatTable>>) {
  const out: Record<string, string> = {};
  for (const [t, table] of Object.entries(tables)) {
    for (const [r, cols] of Object.entries(table!.cells)) for (const [c, cell] of Object.entries(cols)) out[`${t}.${r}.${c}`] = `${cell.state}:${cell.value}`;
  }
  return out;
}

const allText = (doc: ImportedDocument) =>
  [...doc.parsed.preamble, ...doc.parsed.chapters.flatMap((c) => [c.heading, ...c.paragraphs])].join('\n');

describe('PDF and DOCX reports import to the same cells as their HTML original', () => {
  let html: ImportedDocument;
  beforeAll(async () => {
    html = await load('songling-2022.html');
  }, 60_000);

  it('the HTML original has the figures written into the fixture', () => {
    const v = tableValues(html.parsed.tables);
    expect(v.applications?.received).toEqual({ natural: 134, commercial: 3, research: 0, nonprofit: 1, legal: 0, other: 0, total: 138 });
    expect(v.applications?.['unavailable.notHeld']?.total).toBe(25);
    expect(v.proactive?.normativeDocuments).toEqual({ issued: 147, repealed: 55, inForce: 379 });
    expect(v.proactive?.fees?.amountWan).toBe(15781.34226);
    expect(v.reviewLitigation?.review).toEqual({ upheld: 2, corrected: 1, other: 0, pending: 2, total: 5 });
    expect(v.reviewLitigation?.litigationDirect?.total).toBe(0);
  });

  for (const name of ['songling-2022.pdf', 'songling-2022.docx']) {
    describe(name, () => {
      let doc: ImportedDocument;
      beforeAll(async () => {
        doc = await load(name);
      }, 60_000);

      it('every cell of the three tables equals the HTML import', () => {
        expect(Object.keys(doc.parsed.tables).sort()).toEqual(['applications', 'proactive', 'reviewLitigation']);
        expect(tableValues(doc.parsed.tables)).toEqual(tableValues(html.parsed.tables));
        expect(cellStates(doc.parsed.tables)).toEqual(cellStates(html.parsed.tables));
      });

      it('has the metadata and the six chapters of the original', () => {
        expect(doc.parsed.body.printed).toBe('松岭市');
        expect(doc.parsed.year).toBe(2022);
        expect(doc.parsed.format).toBe('2021');
        expect(doc.parsed.chapters.map((c) => c.id)).toEqual(html.parsed.chapters.map((c) => c.id));
      });

      it('keeps no running headers or page numbers in the text and re-joins paragraphs', () => {
        const text = allText(doc);
        expect(text).not.toContain('政府信息公开专栏');
        expect(text).not.toMatch(/—\s*\d+\s*—/);
        // A paragraph that wraps over several lines comes back as one paragraph.
        const paragraphs = doc.parsed.chapters.flatMap((c) => c.paragraphs);
        // (PDF text has a space where LibreOffice set Latin digits apart from CJK: spaces are not compared.)
        expect(paragraphs.map((p) => p.replace(/\s+/g, ''))).toContain('全市共办理政府信息公开申请138件，因政府信息公开被申请行政复议5件，办理过程严格依法依规，答复文书格式统一。');
        expect(doc.parsed.chapters.find((c) => c.id === 'problems')?.paragraphs[0]).toContain('提升工作人员业务能力');
      });

      it('finds no inconsistency in a consistent report', () => {
        const failing = doc.evaluations.filter((e) => e.status === 'fail').map((e) => e.key);
        expect(failing).toEqual(html.evaluations.filter((e) => e.status === 'fail').map((e) => e.key));
      });
    });
  }
});

describe('a PDF table whose middle columns are blank in every row', () => {
  it('keeps the blank cells blank and every figure under its own column', async () => {
    const html = await load('songling-2022-blank-columns.html');
    const pdf = await load('songling-2022-blank-columns.pdf');
    expect(tableValues(html.parsed.tables).applications?.received).toEqual({ natural: 134, commercial: null, research: null, nonprofit: null, legal: null, other: null, total: 138 });
    expect(html.parsed.tables.applications?.cells.received.legal.state).toBe('blank');
    expect(tableValues(pdf.parsed.tables).applications).toEqual(tableValues(html.parsed.tables).applications);
    expect(cellStates({ applications: pdf.parsed.tables.applications })).toEqual(cellStates({ applications: html.parsed.tables.applications }));
  }, 60_000);
});

describe('PDFs and Word files that cannot be read say why', () => {
  const reason = async (name: string, bytes = fixture(name)) => {
    try {
      await importDocument(bytes, name);
      return 'imported';
    } catch (err) {
      expect(err).toBeInstanceOf(ImportError);
      return (err as ImportError).message;
    }
  };

  it('a scanned PDF (no text layer) is refused with a clear message', async () => {
    expect(await reason('songling-2022-scanned.pdf')).toMatch(/songling-2022-scanned\.pdf.*no text layer/);
  }, 60_000);

  it('a PDF that takes longer than its time limit is stopped with a clear message, and the next import works', async () => {
    await expect(extractPdf(fixture('songling-2022.pdf'), 'slow.pdf', 1)).rejects.toThrow(/slow\.pdf.*too long/);
    const pages = await extractPdf(fixture('songling-2022.pdf'), 'songling-2022.pdf');
    expect(pages.length).toBe(5);
    expect(pages[4].width).toBeGreaterThan(pages[4].height); // the landscape page comes out upright
  }, 60_000);

  it('an encrypted PDF is refused with a clear message', async () => {
    expect(await reason('songling-2022-encrypted.pdf')).toMatch(/songling-2022-encrypted\.pdf.*encrypted/);
  }, 60_000);

  it('a legacy .doc asks for DOCX or PDF', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    expect(await reason('report.doc', ole)).toMatch(/report\.doc.*DOCX or PDF/);
  });

  it('a file named .pdf that is not a PDF, and a corrupt DOCX, are clear errors', async () => {
    expect(await reason('fake.pdf', new TextEncoder().encode('hello, not a pdf'))).toMatch(/fake\.pdf/);
    const docx = fixture('songling-2022.docx');
    expect(await reason('broken.docx', docx.slice(0, docx.length / 2))).toMatch(/broken\.docx.*(DOCX|Word)/);
  });
});
