/** A finding's sentence in the UI's language: the English one where the rule wrote it, else the Chinese. */
import type { RuleEvaluation } from '../../core/model.ts';

export function findingMessage(finding: Pick<RuleEvaluation, 'message' | 'messageEn'>, lang: 'zh' | 'en'): string {
  return lang === 'en' && finding.messageEn ? finding.messageEn : finding.message;
}
