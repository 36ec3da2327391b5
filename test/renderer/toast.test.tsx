/** Issue 13: copy confirmations do not stack over the table; an undo offer stays. */
import './setup.ts';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ToastProvider, useToast } from '../../renderer/lib/toast.tsx';

afterEach(cleanup);

describe('toasts', () => {
  it('a new plain confirmation replaces the previous ones; one with an action is kept', () => {
    let show: ReturnType<typeof useToast> = () => {};
    function Grab() {
      show = useToast();
      return null;
    }
    const { container } = render(
      <ToastProvider>
        <Grab />
      </ToastProvider>,
    );
    act(() => show('已移除 2 份报告', { label: '撤销', run: () => {} }));
    act(() => show('已复制 1 个单元格'));
    act(() => show('已复制 8 个单元格'));
    act(() => show('已复制 3 个单元格'));
    const texts = [...container.querySelectorAll('.toast > span')].map((e) => e.textContent);
    expect(texts).toEqual(['已移除 2 份报告', '已复制 3 个单元格']);
  });
});
