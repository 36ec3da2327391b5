/**
 * Going back (Alt+←, the ← button) returns focus to where the user was: the search hit or the
 * library row they opened. The view they left is rebuilt on return, so the element is found
 * again by a selector of stable attributes, once it is on screen.
 */

/** Attributes that name an element the same way each time its view renders. */
const STABLE = ['data-where', 'data-index', 'data-cell', 'data-finding', 'data-grid'] as const;

/** A selector finding `el` again after its view re-renders; null when it has no stable name. */
export function focusSelector(el: Element | null): string | null {
  if (!el || el === document.body) return null;
  const named = el.closest(STABLE.map((a) => `[${a}]`).join(','));
  if (!named) return el.id ? `#${CSS.escape(el.id)}` : null;
  const attr = STABLE.find((a) => named.hasAttribute(a))!;
  const own = `[${attr}="${CSS.escape(named.getAttribute(attr)!)}"]`;
  // A search hit's where repeats across results: its result section says which report.
  const section = named.closest('section[aria-label]');
  return section ? `section[aria-label="${CSS.escape(section.getAttribute('aria-label')!)}"] ${own}` : own;
}

/**
 * Focuses the element `selector` names as soon as it is rendered (gives up after `waitMs`);
 * returns a cancel function. The user acting first wins: a key pressed or a click before the
 * element appears (Ctrl+K right after going back) cancels it, so focus is not taken from them.
 */
export function restoreFocus(selector: string, waitMs = 3000): () => void {
  const until = performance.now() + waitMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    window.removeEventListener('keydown', cancel, true);
    window.removeEventListener('pointerdown', cancel, true);
  };
  const attempt = () => {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) {
      cancel();
      el.focus();
      el.scrollIntoView?.({ block: 'nearest' });
    } else if (performance.now() < until) timer = setTimeout(attempt, 30);
    else cancel();
  };
  window.addEventListener('keydown', cancel, true);
  window.addEventListener('pointerdown', cancel, true);
  attempt();
  return cancel;
}
