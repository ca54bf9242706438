import { message, type Message } from './messages';
import { findingWriter } from './render';
import type { DocumentRequirementData, RuleFileData, RuleIssue } from './schema';
import { textAt } from './texts';
import type { RuleVersion } from './types';

/*
 * The papers each step of a project needs (docs/rules.md, "Documents"): a rule file lists them under
 * `documents` (every project type) and `projectTypes.<type>.documents` (that type too), each citing
 * the rule that asks for it. The plan carries the list; the workflow refuses a step whose papers
 * are missing. This module is the language's part; the checks against stored documents are the
 * workflow's (src/workflow/required-documents.ts).
 */

/** When a paper is needed: with the filing, before the plan's approval, with a tranche request, before closing. */
export const DOCUMENT_STEPS = ['filing', 'approval', 'tranche', 'close'] as const;
export type DocumentStep = (typeof DOCUMENT_STEPS)[number];

/** Which tranche requests of a `step: tranche` paper: the first, each one after the first, or each. */
export const TRANCHE_SELECTORS = ['first', 'after-first', 'each'] as const;
export type TrancheSelector = (typeof TRANCHE_SELECTORS)[number];

/** A paper a step of this plan needs. */
export interface PlanDocument {
  rule: string;
  /** The document type an upload names (`toma-de-nota`). */
  type: string;
  step: DocumentStep;
  /** For `step: tranche` only. */
  tranches?: TrancheSelector;
  /** In English, as the API has always said things. */
  says: string;
  message: Message;
}

const MESSAGE_OF = {
  filing: 'document.filing',
  approval: 'document.approval',
  close: 'document.close',
  first: 'document.tranche.first',
  'after-first': 'document.tranche.after-first',
  each: 'document.tranche.each',
} as const;

/** The papers a plan of this type needs, the file's own list first, then the type's. */
export function requiredDocuments(version: RuleVersion, projectType: string): PlanDocument[] {
  const found = findingWriter(version.language, version.messageOverrides);
  const lists = [
    { requirements: version.documents, path: ['documents'] },
    {
      requirements: version.projectTypes[projectType]?.documents ?? [],
      path: ['projectTypes', projectType, 'documents'],
    },
  ];
  return lists.flatMap(({ requirements, path }) =>
    requirements.map((requirement, index) => {
      const selector = requirement.step === 'tranche' ? (requirement.tranches ?? 'each') : undefined;
      const said = message(MESSAGE_OF[selector ?? (requirement.step as Exclude<DocumentStep, 'tranche'>)], {
        document: textAt(version, ...path, index, 'says'),
        type: requirement.type,
      });
      const { says } = found(requirement.rule, said);
      return {
        rule: requirement.rule,
        type: requirement.type,
        step: requirement.step,
        ...(selector && { tranches: selector }),
        says,
        message: said,
      };
    }),
  );
}

/**
 * The papers a plan asks for at one step; for a tranche, at its request number (1 for the first).
 * Plans filed before rule files listed documents have none.
 */
export function documentsForStep<D extends Pick<PlanDocument, 'step' | 'tranches'>>(
  plan: { documents?: readonly D[] | undefined },
  step: DocumentStep,
  trancheNumber?: number,
): D[] {
  return (plan.documents ?? []).filter((document) => {
    if (document.step !== step) return false;
    if (step !== 'tranche') return true;
    const selector = document.tranches ?? 'each';
    return selector === 'each' || (selector === 'first') === (trancheNumber === 1);
  });
}

/** A paper listed twice for the same step and tranches, at the top and in a type or within one list. */
export function checkDocuments(file: RuleFileData): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const keyOf = (requirement: DocumentRequirementData) =>
    `${requirement.type} ${requirement.step} ${requirement.step === 'tranche' ? (requirement.tranches ?? 'each') : ''}`;
  const check = (requirements: readonly DocumentRequirementData[], path: (string | number)[], seen: Set<string>) =>
    requirements.forEach((requirement, index) => {
      const key = keyOf(requirement);
      if (seen.has(key)) {
        issues.push({ path: [...path, index, 'type'], message: `${requirement.type} is listed twice for this step` });
      }
      seen.add(key);
    });
  const topLevel = new Set<string>();
  check(file.documents, ['documents'], topLevel);
  for (const [type, data] of Object.entries(file.projectTypes)) {
    check(data.documents, ['projectTypes', type, 'documents'], new Set(topLevel));
  }
  return issues;
}
