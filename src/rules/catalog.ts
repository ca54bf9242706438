import { NotFoundError } from '../errors';
import { parseApplication } from './application';
import { utcDate, type CalendarDate } from './dates';
import { evaluate } from './evaluate';
import { RuleFileError, parseRuleFile, type RuleFileIssue, type RuleFileText } from './load';
import { message } from './messages';
import { findingWriter } from './render';
import { ruleTextsOf } from './texts';
import type { PlanResult, RuleSet, RuleVersion, RuleVersionSummary } from './types';

/** Every loaded rule version, by programme, with the evaluator behind it. Immutable once built. */
export interface RuleCatalog {
  /** One entry per rule file (one version of one rule set), by id then validFrom. */
  list(): RuleVersionSummary[];
  /** Throws NotFoundError for an unknown id. */
  get(id: string): RuleSet;
  /** The version of `id` in force on `date` (an instant counts by its UTC date); undefined if none. */
  versionAt(id: string, date: CalendarDate | Date): RuleVersion | undefined;
  /**
   * The co-funding plan for an application under the version in force at its `filedAt` (`now`
   * when the application has none). Throws NotFoundError (unknown rule set) or ValidationError (an
   * application that cannot be read); an ineligible application is a result, not an exception.
   */
  plan(ruleSetId: string, application: unknown, now: Date): PlanResult;
}

/** Validates every file and what spans files (duplicate or overlapping versions); no exception. */
export function checkRuleFiles(files: readonly RuleFileText[]): { versions: RuleVersion[]; issues: RuleFileIssue[] } {
  const parsed = files.map((file) => parseRuleFile(file.path, file.text));
  const issues: RuleFileIssue[] = parsed.flatMap((result) => (result.ok ? [] : result.issues));
  const loaded = parsed.flatMap((result) => (result.ok ? [result] : []));

  const byId = new Map<string, typeof loaded>();
  for (const entry of loaded) byId.set(entry.version.id, [...(byId.get(entry.version.id) ?? []), entry]);
  for (const entries of byId.values()) {
    entries.sort(
      (a, b) => a.version.validFrom.localeCompare(b.version.validFrom) || a.version.path.localeCompare(b.version.path),
    );
    entries.forEach((entry, index) => {
      const { version } = entry;
      const sameVersion = entries.find((other) => other !== entry && other.version.version === version.version);
      if (sameVersion && entries.indexOf(sameVersion) < index) {
        issues.push({
          file: version.path,
          line: entry.lineOf(['version']),
          field: 'version',
          message: `${version.id} version ${version.version} is already defined in ${sameVersion.version.path}`,
        });
      }
      const previous = entries[index - 1]?.version;
      if (previous && (previous.validTo === null || previous.validTo >= version.validFrom)) {
        issues.push({
          file: version.path,
          line: entry.lineOf(['validFrom']),
          field: 'validFrom',
          message:
            `${version.id} version ${version.version} starts on ${version.validFrom}, ` +
            `while version ${previous.version} (${previous.path}) ` +
            `is in force until ${previous.validTo ?? 'further notice'}: validity periods must not overlap`,
        });
      }
    });
  }
  return { versions: loaded.map((entry) => entry.version), issues };
}

/**
 * The catalog of the given rule files (`{path, text}`, e.g. Workers' bundled rules). Throws a
 * RuleFileError listing every problem, with file, line and field, if any file is invalid.
 */
export function createRuleCatalog(files: readonly RuleFileText[]): RuleCatalog {
  const { versions, issues } = checkRuleFiles(files);
  if (issues.length > 0) throw new RuleFileError(issues);
  return catalogOf(versions);
}

function catalogOf(versions: readonly RuleVersion[]): RuleCatalog {
  const ruleSets = new Map<string, RuleSet>();
  const sorted = [...versions].sort((a, b) => a.id.localeCompare(b.id) || a.validFrom.localeCompare(b.validFrom));
  for (const version of sorted) {
    const ruleSet = ruleSets.get(version.id);
    if (ruleSet) {
      ruleSet.versions.push(version);
      ruleSet.name = version.name;
    } else {
      ruleSets.set(version.id, { id: version.id, name: version.name, versions: [version] });
    }
  }

  const get = (id: string): RuleSet => {
    const ruleSet = ruleSets.get(id);
    if (!ruleSet) throw new NotFoundError('rule set', id);
    return ruleSet;
  };
  const versionAt = (id: string, date: CalendarDate | Date) => {
    const day = typeof date === 'string' ? date : utcDate(date);
    return get(id).versions.find(
      (version) => version.validFrom <= day && (version.validTo === null || day <= version.validTo),
    );
  };

  return {
    list: () =>
      sorted.map((version) => ({
        id: version.id,
        name: version.name,
        version: version.version,
        validFrom: version.validFrom,
        validTo: version.validTo,
        currency: version.currency,
        projectTypes: Object.keys(version.projectTypes),
        hash: version.hash,
        path: version.path,
        locales: version.locales,
      })),
    get,
    versionAt,
    plan(ruleSetId, input, now) {
      const ruleSet = get(ruleSetId);
      const application = parseApplication(input, now);
      const version = versionAt(ruleSetId, application.filedOn);
      if (!version) {
        // Named as the latest version names the rule set, in its language.
        const latest = ruleSet.versions.at(-1)!;
        const periods = ruleSet.versions.map((v) =>
          v.validTo === null
            ? message('version.period.open', { version: v.version, validFrom: v.validFrom })
            : message('version.period', { version: v.version, validFrom: v.validFrom, validTo: v.validTo }),
        );
        const texts = ruleTextsOf(latest);
        const failure = findingWriter(latest.language, latest.messageOverrides)(
          'in-force',
          message('in-force', { ruleSet: texts.ruleSet, filedOn: application.filedOn, periods }),
        );
        return {
          eligible: false,
          ruleSet: ruleSetId,
          ruleVersion: null,
          ruleHash: null,
          failures: [failure],
          trace: [],
          texts,
        };
      }
      return evaluate(version, application);
    },
  };
}
