/** Issue 13: a report whose findings are all dismissed is not shown as clean; template codes in words. */
import './setup.ts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Library } from '../../renderer/views/Library.tsx';
import { entry, fakeApi, stubElementSize } from './fixtures.ts';
import { renderWith } from './render.tsx';

afterEach(cleanup);
beforeAll(() => stubElementSize(1000, 700));

describe('Library badges', () => {
  it('says 已忽略 N 项 for a report with only dismissed findings, 无问题 for a clean one, and names templates in words', async () => {
    const api = fakeApi([]);
    api.listReports = vi.fn(async () => [
      { ...entry({ id: 'd', body: '伊春市', year: 2022, findings: 0, format: '2019-trial' }), dismissed: 3 },
      entry({ id: 'c', body: '鹤岗市', year: 2022, findings: 0 }),
    ]);
    renderWith(api, <Library revision={0} onOpen={() => {}} onChanged={() => {}} />);
    const dismissed = await screen.findByText('已忽略 3 项');
    expect(dismissed.closest('[data-index]')!.textContent).toContain('伊春市');
    expect(dismissed.closest('[data-index]')!.textContent).not.toContain('无问题');
    expect(dismissed.closest('[data-index]')!.textContent).toContain('2019 年试行模板');
    expect(screen.getByText('无问题').closest('[data-index]')!.textContent).toContain('鹤岗市');
  });

  it('says how many bodies the facet does not list, and its filter finds them among all bodies', async () => {
    const api = fakeApi([]);
    api.listReports = vi.fn(async () => Array.from({ length: 250 }, (_, i) => entry({ id: `r${i}`, body: `机关${String(i).padStart(3, '0')}`, year: 2022 })));
    renderWith(api, <Library revision={0} onOpen={() => {}} onChanged={() => {}} />);
    await screen.findByText('还有 50 个机关，请用上方的“筛选机关”查找');
    fireEvent.change(screen.getByLabelText('筛选机关'), { target: { value: '机关24' } });
    await waitFor(() => expect(document.querySelector('.facet-more')).toBeNull());
    expect([...document.querySelectorAll('.bodies .facet-label')].map((e) => e.textContent)).toContain('机关249');
  });
});
