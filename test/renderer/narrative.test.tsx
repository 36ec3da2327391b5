import './setup.ts';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { narrateTable } from '../../core/narrative.ts';
import { I18nProvider } from '../../renderer/i18n.tsx';
import { NarrativeView } from '../../renderer/table/NarrativeView.tsx';
import { derivedRates } from '../../renderer/table/rates.ts';
import { sampleReport } from './fixtures.ts';

afterEach(cleanup);

const view = (table: 'applications' | 'reviewLitigation' | 'proactive', report = sampleReport()) =>
  render(
    <I18nProvider lang="zh">
      <NarrativeView report={report} table={table} />
    </I18nProvider>,
  );

describe('Narrative view', () => {
  it('shows the sentences generated from table 三', () => {
    const report = sampleReport();
    const sentences = narrateTable(report, 'applications');
    expect(sentences.length).toBeGreaterThan(0);
    const { container } = view('applications', report);
    const shown = [...container.querySelectorAll('[data-sentence]')].map((e) => e.textContent);
    expect(shown).toEqual(sentences);
    // The headline figures of the table are told in prose.
    expect(container.textContent).toContain('138');
    expect(container.textContent).toContain('134');
  });

  it('shows the derived 实质公开率 = (予以公开+部分公开)/(新收+结转)', () => {
    view('applications');
    // (67 + 28) / (138 + 0) = 68.8 %
    expect(screen.getByText('实质公开率')).toBeTruthy();
    expect(screen.getByText('68.8%')).toBeTruthy();
  });

  it('shows correction rates for 四 and says "无法计算" where a group could not be read', () => {
    view('reviewLitigation');
    // review: corrected 1 / total 5 = 20 %; litigation after review is unreadable → not assessable.
    expect(screen.getByText('20.0%')).toBeTruthy();
    expect(screen.getByText('无法计算')).toBeTruthy();
  });

  it('computes rates only from readable cells', () => {
    const report = sampleReport();
    report.tables.applications!.cells.granted.total = { value: null, state: 'slash', raw: '/' };
    expect(derivedRates(report.tables, 'applications')[0].value).toBeNull();
  });
});
