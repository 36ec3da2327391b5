/** The parsed page and the few node questions the converter asks (nothing is ever executed). */
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { memoized } from '../../common/memo.ts';

export type HtmlDocument = ReturnType<typeof parseDocument>;
export type HtmlNode = HtmlDocument['children'][number];
export type HtmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];
export type HtmlParent = HtmlDocument | HtmlElement;

export function parseHtml(text: string): HtmlDocument {
  // Entities are decoded after parsing, only in the text and attribute values that hold an '&'
  // (the decoder htmlparser2 would use, text and attribute rules alike): the tokenizer then skips
  // over text to the next '<' natively instead of stepping through it character by character.
  const doc = parseDocument(text, { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true });
  prepareNodes(doc);
  return doc;
}

/** One walk after parsing: character references decoded, and each element's isDropped decided. */
function prepareNodes(parent: HtmlParent): void {
  for (const node of parent.children) {
    if (node.type === ElementType.Text) {
      if (node.data.includes('&')) node.data = decodeHTML(node.data);
    } else if (isElement(node)) {
      const attribs = node.attribs;
      for (const name in attribs) if (attribs[name].includes('&')) attribs[name] = decodeHTMLAttribute(attribs[name]);
      if (droppedByMarkup(node)) droppedElements.add(node);
      // Raw text of scripts and styles is never decoded by a browser (and never used here).
      if (node.type === ElementType.Tag) prepareNodes(node);
    }
  }
}

// Compared directly rather than through a Set: asked of every node by every pass over the page.
export const isElement = (node: { type: string } | null | undefined): node is HtmlElement =>
  !!node && (node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style);
export const isTextNode = (node: { type: string }): node is HtmlNode & { data: string } => node.type === ElementType.Text;

/** Elements whose content is code, embedded documents, form controls or media: never text of the report. */
const DROPPED = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'head', 'title', 'meta', 'link', 'base', 'input', 'select', 'option', 'optgroup', 'textarea', 'button',
  'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'img', 'map', 'area', 'param', 'xml', 'nav',
]);
/** Word/VML/Office namespaces carrying settings, not text (<o:p> and <st1:…> smart tags do carry text). */
const DROPPED_PREFIX = /^(w|v|m|x|xml):/;

/**
 * Elements of parsed pages that are left out, decided once per element while parsing: every
 * pass over the page asks again (a cell four times), and a style attribute is a long key.
 */
const droppedElements = new WeakSet<HtmlElement>();

/** Whether an element (and everything in it) is left out of the text. */
export function isDropped(el: HtmlElement): boolean {
  return droppedElements.has(el);
}

function droppedByMarkup(el: HtmlElement): boolean {
  const name = el.name;
  if (DROPPED.has(name) || (name.includes(':') && DROPPED_PREFIX.test(name))) return true;
  const attribs = el.attribs;
  if (name === 'a' && /^\s*(javascript|vbscript|data):/i.test(attribs.href ?? '')) return true;
  if (attribs.hidden !== undefined || attribs['aria-hidden'] === 'true') return true;
  return attribs.style ? hidesContent(attribs.style) : false;
}

/** A page repeats a few style strings over hundreds of cells: decided once per string. */
const hidesContent = memoized((style: string): boolean => {
  const compact = style.toLowerCase().replace(/\s+/g, '');
  return compact.includes('display:none') || compact.includes('visibility:hidden') || compact.includes('mso-hide:all');
}, 500, 5000);

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

/** countCjk(plainText(node)), counted in place instead of concatenating the text first. */
export function plainTextCjk(node: HtmlNode | HtmlDocument): number {
  if (isTextNode(node)) return countCjk(node.data);
  if (isElement(node)) {
    if (isDropped(node)) return 0;
  } else if (node.type !== ElementType.Root) return 0;
  let n = 0;
  for (const child of (node as HtmlParent).children) n += plainTextCjk(child);
  return n;
}

/** Elements with the given names, by name, each list in document order: one walk of the page for several lookups. */
export function elementsByName(parent: HtmlParent, names: ReadonlySet<string>, out = new Map<string, HtmlElement[]>()): Map<string, HtmlElement[]> {
  for (const node of parent.children) {
    if (isElement(node) && names.has(node.name)) {
      const list = out.get(node.name);
      if (list) list.push(node);
      else out.set(node.name, [node]);
    }
    if ('children' in node) elementsByName(node as HtmlParent, names, out);
  }
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
