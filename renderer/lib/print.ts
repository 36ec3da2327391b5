/**
 * Printing (and "save as PDF" in the print dialog) of the whole report or one part of it. The
 * print stylesheet (styles.css, @media print) hides the app's chrome; a part is printed by
 * marking it and hiding its siblings for the duration of the print.
 */
export function printPart(part: HTMLElement | null): void {
  const body = document.body;
  if (part) {
    part.classList.add('print-target');
    body.dataset.printScope = 'part';
  }
  const cleanup = () => {
    part?.classList.remove('print-target');
    delete body.dataset.printScope;
    window.removeEventListener('afterprint', cleanup);
  };
  window.addEventListener('afterprint', cleanup);
  try {
    window.print();
  } finally {
    // window.print() blocks until the dialog closes in Chromium; afterprint may not fire everywhere.
    setTimeout(cleanup, 0);
  }
}
