/**
 * Finds the element holding the report inside site chrome: the deepest element that holds
 * nearly all of the page's Chinese prose (text outside links, chrome and metadata tables) and
 * every report table. Class names (TRS_Editor, zoom, content…) are not relied upon.
 */
import { BLOCK_ELEMENTS, childElements, countCjk, isDropped, isElement, isTextNode, parentElement, type HtmlDocument, type HtmlElement, type HtmlParent } from './dom.ts';
import { hasChromeName, LINK_LIST_CONTAINERS } from './chrome.ts';
import type { TableInfo } from './tables.ts';

export interface NodeStats {
  /** Chinese characters outside links, chrome and metadata tables. */
  weight: number;
  /** All Chinese characters, and those inside links (for link density). */
  cjk: number;
  linkCjk: number;
  reportTables: number;
  chrome: boolean;
}

/** Share of the page's prose the article must hold; less when it also holds every report table. */
const ARTICLE_SHARE = 0.9;
const ARTICLE_SHARE_WITH_TABLES = 0.8;
/** A report table is strong evidence: it weighs like this much prose on top of its own text. */
const REPORT_TABLE_WEIGHT = 200;
const LINK_DENSITY = 0.5;

export class PageMeasure {
  readonly stats = new Map<HtmlParent, NodeStats>();
  readonly total: NodeStats;

  constructor(
    readonly doc: HtmlDocument,
    private readonly tables: Map<HtmlElement, TableInfo>,
  ) {
    this.total = this.measure(doc, false);
    this.markChrome(doc);
  }

  isChrome(el: HtmlElement): boolean {
    return this.stats.get(el)?.chrome ?? false;
  }

  private measure(parent: HtmlParent, inLink: boolean): NodeStats {
    const s: NodeStats = { weight: 0, cjk: 0, linkCjk: 0, reportTables: 0, chrome: false };
    for (const node of parent.children) {
      if (isTextNode(node)) {
        const n = countCjk(node.data);
        s.cjk += n;
        if (inLink) s.linkCjk += n;
        else s.weight += n;
      } else if (isElement(node) && !isDropped(node)) {
        const c = this.measure(node, inLink || node.name === 'a');
        s.cjk += c.cjk;
        s.linkCjk += c.linkCjk;
        s.reportTables += c.reportTables;
        s.weight += c.weight;
      }
    }
    if (isElement(parent)) {
      const kind = parent.name === 'table' ? this.tables.get(parent)?.kind : undefined;
      if (kind === 'report') {
        s.reportTables += 1;
        s.weight += REPORT_TABLE_WEIGHT;
      }
      if (kind === 'metadata') s.weight = 0;
    }
    this.stats.set(parent, s);
    return s;
  }

  /** Chrome: named like chrome or mostly links, and never holding report tables or most of the prose. */
  private markChrome(parent: HtmlParent): void {
    for (const el of childElements(parent)) {
      const s = this.stats.get(el);
      if (!s || isDropped(el)) continue;
      const minor = s.reportTables === 0 && s.weight < this.total.weight * 0.5;
      const linkDense = LINK_LIST_CONTAINERS.has(el.name) && s.cjk >= 2 && s.linkCjk / s.cjk > LINK_DENSITY;
      if (minor && (hasChromeName(el) || linkDense)) {
        s.chrome = true;
        this.discount(el, s.weight);
        continue;
      }
      this.markChrome(el);
    }
  }

  /** Removes a chrome element's prose from its ancestors' weight. */
  private discount(el: HtmlElement, weight: number): void {
    for (let p: HtmlParent | null = el.parent as HtmlParent | null; p; p = p.parent as HtmlParent | null) {
      const s = this.stats.get(p);
      if (s) s.weight -= weight;
    }
  }
}

const ROW_PARTS = new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);

/** The article element (the document itself when the page is a bare fragment of report text). */
export function findArticle(measure: PageMeasure, tables: Map<HtmlElement, TableInfo>): HtmlParent {
  const total = measure.stats.get(measure.doc)!;
  let current: HtmlParent = measure.doc;
  if (total.weight <= 0 && total.reportTables === 0) return current;
  const share = total.reportTables > 0 ? ARTICLE_SHARE_WITH_TABLES : ARTICLE_SHARE;
  for (;;) {
    const next: HtmlElement | undefined = childElements(current).find((child) => {
      const s = measure.stats.get(child);
      return s && !s.chrome && s.weight >= total.weight * share && s.reportTables === total.reportTables;
    });
    // A single paragraph is never the article: its container is (a page may be one paragraph and a table).
    if (!next || !childElements(next).some((c) => BLOCK_ELEMENTS.has(c.name))) return current;
    // Only layout tables are entered: a data table is emitted whole by its container.
    const table = next.name === 'table' ? next : ROW_PARTS.has(next.name) ? closestTable(next) : null;
    if (table && tables.get(table)?.kind !== 'layout') return current;
    current = next;
  }
}

function closestTable(el: HtmlElement): HtmlElement | null {
  for (let p = parentElement(el); p; p = parentElement(p)) if (p.name === 'table') return p;
  return null;
}

/** Elements printed just before the article (title, "发布时间：… 来源：…" line), nearest first, up to three levels up. */
export function precedingSiblings(article: HtmlParent, levels = 3): HtmlElement[] {
  const out: HtmlElement[] = [];
  let el: HtmlParent | null = article;
  for (let level = 0; level < levels && el && isElement(el); level++) {
    const parent: HtmlParent | null = (el.parent as HtmlParent | null) ?? null;
    if (!parent) break;
    const siblings = childElements(parent);
    out.push(...siblings.slice(0, siblings.indexOf(el)).reverse());
    el = parent;
  }
  return out;
}
