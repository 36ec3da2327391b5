/** Comparison: a body's timeline, two reports side by side, and the overview of a year. */
import type { BodyTimeline, YearOverview, YearOverviewRequest } from '../api.ts';
import type { CatalogueEntry, Report } from '../model.ts';
import { buildTimeline, type TimelineVersion } from '../compare/timeline.ts';
import { compareReports, type ReportComparison } from '../compare/side-by-side.ts';
import { buildYearOverview, type OverviewInput } from '../compare/overview.ts';
import { parentOf } from '../common/body-registry.ts';
import type { ServiceContext } from './context.ts';
import type { BodiesFeature } from './bodies.ts';
import type { CellsCache } from './cells-cache.ts';

export class CompareFeature {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly bodies: BodiesFeature,
    private readonly cells: CellsCache,
    private readonly getReport: (id: string) => Promise<Report>,
    /** The catalogue in library order (bodies by Chinese collation), sorted once and cached by the library. */
    private readonly sortedCatalogue: () => readonly CatalogueEntry[],
  ) {}

  async bodyTimeline(body: string): Promise<BodyTimeline> {
    const summary = await this.bodies.resolve(body);
    const entries = this.ctx.archive.list().filter((e) => e.bodyId === summary.id && e.year != null);
    const versions = new Map<number, TimelineVersion[]>();
    for (const e of [...entries].sort((a, b) => a.version - b.version)) {
      const list = versions.get(e.year!) ?? versions.set(e.year!, []).get(e.year!)!;
      list.push({ id: e.id, version: e.version, latest: e.latest, body: e.body, fileName: e.fileName });
    }
    const latest = await Promise.all(entries.filter((e) => e.latest).map((e) => this.ctx.archive.readReport(e.id)));
    return { body: summary, ...buildTimeline(latest, versions) };
  }

  async compareReports(a: string, b: string): Promise<ReportComparison> {
    const [ra, rb] = await Promise.all([this.getReport(a), this.getReport(b)]);
    return compareReports(ra, rb);
  }

  async yearOverview(request: YearOverviewRequest): Promise<YearOverview> {
    await this.ctx.refresh();
    const registry = await this.bodies.registry();
    // In library order: the page shows rows by body without collating 10,000 names itself.
    const all = this.sortedCatalogue();
    let rows = all.filter((e) => e.latest && e.year === request.year);
    if (request.bodies?.length) {
      const wanted = new Set((await Promise.all(request.bodies.map((b) => this.bodies.resolve(b)))).map((b) => b.id));
      rows = rows.filter((e) => wanted.has(e.bodyId));
    }
    if (request.parent) {
      const parent = (await this.bodies.resolve(request.parent)).id;
      rows = rows.filter((e) => e.bodyId === parent || parentOf(registry, e.bodyId) === parent);
    }
    const previousByBody = new Map<string, CatalogueEntry>();
    for (const e of all) if (e.latest && e.year === request.year - 1 && e.bodyId) previousByBody.set(e.bodyId, e);
    const previous = rows.map((e) => previousByBody.get(e.bodyId));
    const present = previous.filter((e): e is CatalogueEntry => !!e);
    const [values, previousValues] = await Promise.all([this.cells.valuesOf(rows), this.cells.valuesOf(present)]);
    const previousById = new Map(present.map((e, i) => [e.id, previousValues[i]]));
    const inputs: OverviewInput[] = rows.map((e, i) => ({
      id: e.id,
      bodyId: e.bodyId,
      body: e.body,
      parent: e.bodyId ? parentOf(registry, e.bodyId) : null,
      values: values[i],
      previousValues: previous[i] ? previousById.get(previous[i]!.id) : null,
    }));
    return { year: request.year, ...buildYearOverview(inputs) };
  }
}
