/** The parsed page and the few node questions the converter asks (nothing is ever executed). */
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';

export type HtmlDocument = ReturnType<typeof parseDocument>;
export type HtmlNode = HtmlDocument['children'][number];
export type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];
export type HtmlParent = HtmlDocument | HtmlElement;

export function parseHtml(text: string): HtmlDocument {
  return parseDocument(text, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

const ELEMENT_TYPES = new Set<string>([ElementType.Tag, ElementType.Script, ElementType.Style]);
export const isElement = (node: { type: string } | null | undefined): node is HtmlElement => !!node && ELEMENT_TYPES.has(node.type);
export const isTextNode = (node: { type: string }): node is HtmlNode & { data: string } => node.type === ElementType.Text;

/** Elements whose content is code, embedded documents, form controls or media: never text of the report. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'head', 'title', 'meta', 'link', 'base', 'input', 'select', 'option', 'optgroup', 'textarea', 'button',
  'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'img', 'map', 'area', 'param', 'xml', 'nav',
]);
/** Word/VML/Office namespaces carrying settings, not text (<o:p> and <st1:…> smart tags do carry text). */
const DROPPED_PREFIX = /^(w|v|m|x|xml):/;

/** Whether an element (and everything in it) is left out of the text. */
export function isDropped(el: HtmlElement): boolean {
  const name = el.name;
  if (DROPPED.has(name) || DROPPED_PREFIX.test(name)) return true;
  if (name === 'a' && /^\s*(javascript|vbscript|data):/i.test(el.attribs.href ?? '')) return true;
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true;
  if (!el.attribs.style) return false;
  const style = el.attribs.style.toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden') || style.includes('mso-hide:all');
}

/** Elements that start and end a paragraph. */
export const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'ul',
  'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'colgroup', 'col',
]);

export function childElements(parent: HtmlParent): HtmlElement[] {
  return parent.children.filter(isElement);
}

/** Text content without dropped elements (for classification, not for output). */
export function plainText(node: HtmlNode | HtmlDocument): string {
  if (isTextNode(node)) return node.data;
  if (isElement(node)) {
    if (isDropped(node)) return '';
  } else if (node.type !== ElementType.Root) return '';
  let out = '';
  for (const child of (node as HtmlParent).children) out += plainText(child);
  return out;
}

/** The nearest ancestor element (not the document). */
export function parentElement(el: HtmlElement): HtmlElement | null {
  return isElement(el.parent) ? el.parent : null;
}

/** Chinese characters (CJK ideographs and compatibility ideographs) in a text; counted without building a match array. */
export function countCjk(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) n++;
  }
  return n;
}
