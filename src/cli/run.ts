import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CofundError } from '../errors';
import { checkRuleFiles, createRuleCatalog, formatRuleFileIssue, RuleFileError } from '../rules';
import { readRuleDirectory } from '../rules/load-directory';
import { resultTable, versionsTable } from './format';

/**
 * `cofund`: the rules engine from a shell, through the same catalog and evaluator as the API.
 * Exit codes: 0 done, 1 bad usage, bad input or invalid rule files, 2 application not eligible.
 */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_INELIGIBLE = 2;

const USAGE = `usage:
  cofund rules check [dir]       validate every rule file (default: ./rules, else the package's rules/)
  cofund rules list [--rules dir]   the rule versions, their periods and hashes
  cofund plan <ruleSet> --json '<application JSON>' [--format json|table] [--rules dir] [--now ISO-8601]
                                 the co-funding plan (exit 2 with the failed rules when not eligible)
`;

const packageRules = fileURLToPath(new URL('../../rules', import.meta.url));

function rulesDirectory(cwd: string, given: string | undefined): string {
  if (given !== undefined) return path.resolve(cwd, given);
  const local = path.resolve(cwd, 'rules');
  return existsSync(local) ? local : packageRules;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        format: { type: 'string', default: 'json' },
        rules: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return EXIT_ERROR;
  }
  const { values, positionals } = parsed;
  const [command, subcommand, ...extra] = positionals;
  if (values.help || command === undefined) {
    (values.help ? io.stdout : io.stderr)(USAGE);
    return values.help ? EXIT_OK : EXIT_ERROR;
  }

  try {
    if (command === 'rules' && subcommand === 'check' && extra.length <= 1) {
      return await checkCommand(rulesDirectory(io.cwd, extra[0] ?? values.rules), io);
    }
    if (command === 'rules' && subcommand === 'list' && extra.length === 0) {
      const catalog = createRuleCatalog(await readRuleDirectory(rulesDirectory(io.cwd, values.rules), io.cwd));
      io.stdout(versionsTable(catalog.list()));
      return EXIT_OK;
    }
    if (command === 'plan' && subcommand !== undefined && extra.length === 0) {
      return await planCommand(subcommand, values, io);
    }
  } catch (error) {
    return reportError(error, io);
  }
  io.stderr(`unknown command: ${positionals.join(' ')}\n${USAGE}`);
  return EXIT_ERROR;
}

async function checkCommand(dir: string, io: CliIo): Promise<number> {
  if (!existsSync(dir)) {
    io.stderr(`no such folder: ${dir}\n`);
    return EXIT_ERROR;
  }
  const files = await readRuleDirectory(dir, io.cwd);
  const { versions, issues } = checkRuleFiles(files);
  if (issues.length > 0) {
    io.stderr(issues.map((issue) => `${formatRuleFileIssue(issue)}\n`).join(''));
    const broken = new Set(issues.map((issue) => issue.file)).size;
    io.stderr(`${issues.length} error(s) in ${broken} of ${files.length} rule file(s)\n`);
    return EXIT_ERROR;
  }
  const ids = new Set(versions.map((version) => version.id));
  io.stdout(`ok: ${files.length} rule file(s), ${ids.size} rule set(s): ${[...ids].sort().join(', ')}\n`);
  return EXIT_OK;
}

async function planCommand(
  ruleSetId: string,
  options: {
    json?: string | undefined;
    format?: string | undefined;
    rules?: string | undefined;
    now?: string | undefined;
  },
  io: CliIo,
): Promise<number> {
  if (options.json === undefined) {
    io.stderr(`plan needs the application: --json '<application JSON>'\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (options.format !== 'json' && options.format !== 'table') {
    io.stderr(`--format is json or table, not ${options.format}\n`);
    return EXIT_ERROR;
  }
  let application: unknown;
  try {
    application = JSON.parse(options.json);
  } catch (error) {
    io.stderr(`--json is not valid JSON: ${(error as Error).message}\n`);
    return EXIT_ERROR;
  }
  const now = options.now === undefined ? new Date() : new Date(options.now);
  if (Number.isNaN(now.getTime())) {
    io.stderr(`--now is not an ISO-8601 instant: ${options.now}\n`);
    return EXIT_ERROR;
  }
  const catalog = createRuleCatalog(await readRuleDirectory(rulesDirectory(io.cwd, options.rules), io.cwd));
  const result = catalog.plan(ruleSetId, application, now);
  const output =
    options.format === 'table'
      ? resultTable(result)
      : `${JSON.stringify(result.eligible ? result.plan : result, null, 2)}\n`;
  io.stdout(output);
  return result.eligible ? EXIT_OK : EXIT_INELIGIBLE;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof RuleFileError) {
    io.stderr(`${error.issues.map(formatRuleFileIssue).join('\n')}\n`);
    return EXIT_ERROR;
  }
  if (error instanceof CofundError) {
    const fields = error.errors.map((fieldError) => `  ${fieldError.field}: ${fieldError.message}\n`).join('');
    io.stderr(fields ? `${error.code}:\n${fields}` : `${error.code}: ${error.message}\n`);
    return EXIT_ERROR;
  }
  throw error;
}
