/** Text helpers every layer uses (pure). */

/** Full-width ASCII (ＡＢＣ１２３（）) and the ideographic space folded to their half-width forms. */
export function foldWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  return text.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
const WIDE = /[\uff01-\uff5e\u3000]/;

/** Body name for grouping: whitespace removed, full width folded. */
export function normalizeBodyName(printed: string): string {
  return foldWidth(printed).replace(/[\s\u00a0\u200b]+/g, '');
}
