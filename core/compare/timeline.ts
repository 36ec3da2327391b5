/**
 * One body over its years: every canonical cell, the key figures with their year-on-year change,
 * the rates, the cross-year findings (with the other report's id), and how much of chapter 五
 * repeats the year before. Every figure comes from the report's cells. Pure.
 */
import { findingsOf, type Finding, type Report } from '../model.ts';
import { cellValues } from './cells.ts';
import { changeOf, figuresOf, ratesOf, type RateValue } from './figures.ts';
import { repetition, type Repetition } from './text-diff.ts';

export interface TimelineVersion {
  id: string;
  version: number;
  latest: boolean;
  body: string;
  fileName: string;
}

export interface TimelineYear {
  year: number;
  /** The latest version of the year: what the figures are of. */
  id: string;
  /** The body as printed on that report. */
  body: string;
  title: string;
  versions: TimelineVersion[];
  cells: Record<string, number | null>;
  figures: Record<string, number | null>;
  /** Change against the previous year in the timeline when it is the calendar year before; else null. */
  change: Record<string, number | null>;
  rates: Record<string, RateValue>;
  /** Cross-year findings of this report (each names the other report in relatedReportId). */
  crossYearFindings: Finding[];
  /** Chapter 五 against the year before; null without a year before. */
  problemsRepeat: Repetition | null;
}

export interface BodyTimelineData {
  years: TimelineYear[];
}

/** `latest`: the latest version of each year; `versions`: every version's row by year. */
export function buildTimeline(latest: Report[], versions: Map<number, TimelineVersion[]>): BodyTimelineData {
  const sorted = latest.filter((r) => r.year != null).sort((a, b) => a.year! - b.year!);
  const years: TimelineYear[] = [];
  let previous: { report: Report; figures: Record<string, number | null> } | null = null;
  for (const report of sorted) {
    const cells = cellValues(report);
    const figures = figuresOf(cells);
    const consecutive = previous && previous.report.year === report.year! - 1 ? previous : null;
    const change = Object.fromEntries(Object.keys(figures).map((k) => [k, consecutive ? changeOf(figures[k], consecutive.figures[k]) : null]));
    const problems = (r: Report) => r.chapters.find((c) => c.id === 'problems')?.paragraphs ?? [];
    years.push({
      year: report.year!,
      id: report.id,
      body: report.body.printed,
      title: report.title,
      versions: versions.get(report.year!) ?? [],
      cells,
      figures,
      change,
      rates: ratesOf(figures),
      crossYearFindings: findingsOf(report).filter((f) => f.rule.startsWith('crossYear.')),
      problemsRepeat: consecutive ? repetition(problems(report), problems(consecutive.report)) : null,
    });
    previous = { report, figures };
  }
  return { years };
}
