/** Splits the blocks into preamble and chapters by their numbered headings (一、… 六、, 七、…, 附件). */
import type { ChapterId } from '../spec.ts';
import type { Block } from '../common/document.ts';
import { chineseNumeral, normalizeLabel } from './normalize.ts';

export interface Segment {
  id: ChapterId | 'extra' | 'preamble';
  key: string;
  heading: string;
  blocks: Block[];
}

const CHAPTER_PATTERNS: [ChapterId, RegExp][] = [
  ['overview', /总体情况|总体概况|概述|基本情况/],
  ['reviewLitigation', /行政复议|行政诉讼/],
  ['applications', /收到和处理|依申请/],
  ['proactive', /主动公开/],
  ['problems', /问题/],
  ['other', /其他需要报告|其他事项/],
];

const HEADING = /^([一二三四五六七八九十]+)[、.．]\s*(.+)$/;
const APPENDIX = /^(附件|附表|附录)[一二三四五六七八九十\d]*[:：、.．\s]?/;

/** A numbered chapter heading: short, no sentence inside. Returns its numeral and text. */
export function chapterHeading(text: string): { numeral: number; rest: string } | null {
  const t = text.trim();
  if (t.length > 45 || /。./.test(t)) return null;
  const m = HEADING.exec(t);
  if (!m) return null;
  // Row labels of table 三 (一、本年新收… 四、结转下年度继续办理) left as text are not chapters.
  if (/本年新收|上年结转|本年度办理结果|结转下年度/.test(m[2])) return null;
  const numeral = chineseNumeral(m[1]);
  return numeral === null ? null : { numeral, rest: m[2] };
}

/** Spec chapter a heading stands for, by its normalized wording. */
export function chapterIdOf(heading: string): ChapterId | null {
  const core = normalizeLabel(heading).replace(/^[一二三四五六七八九十]+[、.]/, '');
  for (const [id, re] of CHAPTER_PATTERNS) if (re.test(core)) return id;
  return null;
}

/**
 * `mapToSpec` false (pre-2019 and unknown reports): every chapter is kept as 'extra' with its own
 * heading, because the old chapter sets do not correspond one-to-one to the six spec chapters.
 */
export function splitChapters(blocks: Block[], mapToSpec: boolean): Segment[] {
  const segments: Segment[] = [{ id: 'preamble', key: 'preamble', heading: '', blocks: [] }];
  const used = new Set<string>();
  let lastNumeral = 0;
  let extras = 0;
  const startExtra = (heading: string) => {
    extras++;
    segments.push({ id: 'extra', key: `extra-${extras}`, heading, blocks: [] });
  };
  for (const block of blocks) {
    const current = segments[segments.length - 1];
    if (block.kind === 'paragraph') {
      const heading = chapterHeading(block.text);
      if (heading) {
        const id = mapToSpec ? chapterIdOf(block.text) : null;
        const inSequence = heading.numeral === lastNumeral + 1;
        if (id && !used.has(id) && (inSequence || heading.numeral > lastNumeral)) {
          used.add(id);
          lastNumeral = heading.numeral;
          segments.push({ id, key: id, heading: block.text.trim(), blocks: [] });
          continue;
        }
        if (inSequence) {
          lastNumeral = heading.numeral;
          startExtra(block.text.trim());
          continue;
        }
      } else if (APPENDIX.test(block.text.trim()) && block.text.trim().length <= 45 && lastNumeral > 0) {
        startExtra(block.text.trim());
        continue;
      }
    }
    current.blocks.push(block);
  }
  return segments;
}
