/**
 * Bodies: the list of canonical bodies with their printed names and parents, finding a body by id
 * or name, and the user's corrections (merge, rename, parent) with undo. Each correction is one
 * locked archive write that moves the reports, re-runs the cross-year rules of the bodies
 * involved and writes bodies.json.
 */
import type { BodyChangeResult, BodySummary } from '../api.ts';
import type { CatalogueEntry } from '../model.ts';
import { ArchiveError } from '../archive/index.ts';
import { readBodyRegistry, writeBodyRegistry } from '../archive/bodies-file.ts';
import { canonicalBodyId } from '../common/body.ts';
import { normalizeBodyName } from '../common/text.ts';
import { parentOf, resolveBodyId, stateOf, type BodyChange, type BodyRegistry, type MovedReport } from '../common/body-registry.ts';
import { suggestDuplicates, type DuplicateSuggestion } from '../common/body-duplicates.ts';
import type { ServiceContext } from './context.ts';

const BODY_ORDER = new Intl.Collator('zh');

export class BodiesFeature {
  constructor(private readonly ctx: ServiceContext) {}

  registry(): Promise<BodyRegistry> {
    return readBodyRegistry(this.ctx.archive.dir);
  }

  /** Summaries of every body, from the catalogue (all versions) and the registry. */
  summaries(entries: readonly CatalogueEntry[], registry: BodyRegistry): Map<string, BodySummary> {
    const out = new Map<string, BodySummary>();
    const nameCounts = new Map<string, Map<string, number>>();
    for (const e of entries) {
      if (!e.bodyId) continue;
      let s = out.get(e.bodyId);
      if (!s) {
        s = { id: e.bodyId, name: e.bodyId, names: [], parent: parentOf(registry, e.bodyId), reports: 0, versions: 0, years: [] };
        out.set(e.bodyId, s);
        nameCounts.set(e.bodyId, new Map());
      }
      s.versions++;
      if (e.latest) s.reports++;
      if (e.year != null && !s.years.includes(e.year)) s.years.push(e.year);
      const counts = nameCounts.get(e.bodyId)!;
      counts.set(e.body, (counts.get(e.body) ?? 0) + 1);
    }
    for (const s of out.values()) {
      s.years.sort((a, b) => a - b);
      // Most printed first: the name a reader recognises.
      s.names = [...nameCounts.get(s.id)!].sort((a, b) => b[1] - a[1] || BODY_ORDER.compare(a[0], b[0])).map(([n]) => n);
      s.name = registry.names[s.id] ?? s.id;
    }
    return out;
  }

  async listBodies(): Promise<BodySummary[]> {
    await this.ctx.refresh();
    const all = this.summaries(this.ctx.archive.list(), await this.registry());
    return [...all.values()].sort((a, b) => BODY_ORDER.compare(a.name, b.name));
  }

  async suggestDuplicates(): Promise<DuplicateSuggestion[]> {
    return suggestDuplicates((await this.listBodies()).map((b) => b.id));
  }

  /** A body by canonical id, printed name or any name that derives to one; an ArchiveError otherwise. */
  async resolve(text: string): Promise<BodySummary> {
    await this.ctx.refresh();
    const registry = await this.registry();
    const entries = this.ctx.archive.list();
    const typed = normalizeBodyName(text);
    // An id or a name deriving to one (the timeline's usual case): summarize that body alone, not all 10,000.
    const ids = new Set([typed, resolveBodyId(registry, typed), resolveBodyId(registry, canonicalBodyId(typed))]);
    const own = entries.filter((e) => e.bodyId && ids.has(e.bodyId));
    const direct = [...ids].map((id) => own.filter((e) => e.bodyId === id)).find((list) => list.length > 0);
    if (direct) return this.summaries(direct, registry).values().next().value!;
    const all = this.summaries(entries, registry);
    const hit =
      all.get(typed) ??
      all.get(resolveBodyId(registry, typed)) ??
      all.get(resolveBodyId(registry, canonicalBodyId(typed))) ??
      [...all.values()].find((b) => b.name === typed || b.names.some((n) => normalizeBodyName(n) === typed)) ??
      // A short name (伊春): the shortest body whose id starts with it, i.e. the government before its departments.
      [...all.values()].filter((b) => b.id.startsWith(typed)).sort((a, b) => a.id.length - b.id.length || BODY_ORDER.compare(a.id, b.id))[0];
    if (!hit) throw new ArchiveError(`档案库中没有机关 “${text}” (no body ${text}; see nianbao bodies)`);
    return hit;
  }

  async merge(from: string, into: string): Promise<BodyChangeResult> {
    const a = await this.resolve(from);
    const b = await this.resolve(into);
    if (a.id === b.id) throw new ArchiveError(`“${from}” 和 “${into}” 已是同一机关 (already the same body)`);
    return this.change('merge', `合并 ${a.name} → ${b.name}`, a.id, b.id, (reg) => {
      for (const [k, v] of Object.entries(reg.aliases)) if (v === a.id) reg.aliases[k] = b.id;
      reg.aliases[a.id] = b.id;
    });
  }

  /**
   * A name that is another body's (its id, or a name deriving to it: 伊春市人民政府 → 伊春市) merges
   * into that body; any other name becomes the body's id and name exactly as typed (whitespace
   * aside: 伊春市（测试） keeps its full-width brackets), and the id derived from it points there,
   * so a report printing that name later lands on the renamed body.
   */
  async rename(body: string, name: string): Promise<BodyChangeResult> {
    const a = await this.resolve(body);
    const typed = name.replace(/[\s\u00a0\u200b]+/g, '');
    const derived = canonicalBodyId(typed);
    if (!derived) throw new ArchiveError('新名称不能为空 (the new name is empty)');
    const registry = await this.registry();
    const entries = this.ctx.archive.list();
    const hasReports = (id: string) => entries.some((e) => e.bodyId === id);
    const other = [typed, derived].map((n) => resolveBodyId(registry, n)).find((id) => id !== a.id && hasReports(id));
    const id = other ?? (derived === a.id ? a.id : typed);
    return this.change('rename', `更名 ${a.name} → ${typed}`, a.id, id, (reg) => {
      if (id !== a.id) {
        for (const [k, v] of Object.entries(reg.aliases)) if (v === a.id) reg.aliases[k] = id;
        reg.aliases[a.id] = id;
        delete reg.aliases[id]; // a name given back to a body is its own again
        // The parent set by hand goes with the body to its new id.
        if (Object.prototype.hasOwnProperty.call(reg.parents, a.id) && !Object.prototype.hasOwnProperty.call(reg.parents, id)) reg.parents[id] = reg.parents[a.id];
      }
      if (derived !== id && !other) reg.aliases[derived] = id;
      reg.names[id] = typed;
    });
  }

  async setParent(body: string, parent: string | null): Promise<BodyChangeResult> {
    const a = await this.resolve(body);
    const p = parent === null ? null : (await this.resolve(parent).catch(() => null))?.id ?? canonicalBodyId(parent);
    if (p === a.id) throw new ArchiveError('机关不能是自己的上级 (a body cannot be its own parent)');
    return this.change('parent', `上级 ${a.name} → ${p ?? '无'}`, a.id, a.id, (reg) => {
      reg.parents[a.id] = p;
    });
  }

  /** Undoes the newest change: the registry as it was, and the reports it moved moved back. */
  async undo(): Promise<BodyChangeResult | null> {
    const registry = await this.registry();
    const last = registry.history.at(-1);
    if (!last) return null;
    const next: BodyRegistry = { ...structuredClone(last.before), history: registry.history.slice(0, -1) };
    const { moved, effect } = await this.ctx.archive.reassignBodies(
      (entries) => {
        const byId = new Map(entries.map((e) => [e.id, e]));
        return new Map(last.moved.filter((m) => byId.get(m.id)?.bodyId === m.to).map((m) => [m.id, m.from]));
      },
      () => writeBodyRegistry(this.ctx.archive.dir, next),
    );
    await this.ctx.indexEffect(effect);
    return { description: `撤销：${last.description}`, moved };
  }

  /** One correction: every report of `fromId` moves to `toId`, the registry changes with it, in one write. */
  private async change(op: BodyChange['op'], description: string, fromId: string, toId: string, edit: (reg: BodyRegistry) => void): Promise<BodyChangeResult> {
    const registry = await this.registry();
    const before = stateOf(registry);
    const moves: MovedReport[] = [];
    const { moved, effect } = await this.ctx.archive.reassignBodies(
      (entries) => {
        const plan = new Map<string, string>();
        if (fromId !== toId) for (const e of entries) if (e.bodyId === fromId) plan.set(e.id, toId);
        for (const [id, to] of plan) moves.push({ id, from: fromId, to });
        return plan;
      },
      async () => {
        edit(registry);
        registry.history.push({ op, at: new Date().toISOString(), description, before, moved: moves });
        await writeBodyRegistry(this.ctx.archive.dir, registry);
      },
    );
    await this.ctx.indexEffect(effect);
    return { description, moved };
  }
}
