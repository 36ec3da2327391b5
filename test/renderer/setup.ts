/** jsdom lacks ResizeObserver and scrollIntoView, which the virtualized library and the reader use. */
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
const g = globalThis as unknown as { ResizeObserver?: unknown };
g.ResizeObserver ??= ResizeObserverStub;
(window as unknown as { ResizeObserver?: unknown }).ResizeObserver ??= ResizeObserverStub;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
if (!('escape' in (globalThis.CSS ?? {}))) {
  (globalThis as unknown as { CSS: { escape(s: string): string } }).CSS = { escape: (s: string) => s.replace(/["\\]/g, '\\$&') };
}
