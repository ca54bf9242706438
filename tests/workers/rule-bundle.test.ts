import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readRuleFilesForBundle,
  renderRuleBundleModule,
  writeRuleBundleModule,
} from '../../src/runtime/workers-rule-bundle';

// Text that would break a naive code generator: quotes, backticks, template syntax, line separators.
const AWKWARD = 'id: "x"\nnote: `${process.env.HOME}` \\ </script> \u2028 \u2029 ñ 🙂\n';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cofund-rule-bundle-'));
  await mkdir(path.join(root, 'rules', 'mx', 'older'), { recursive: true });
  await writeFile(path.join(root, 'rules', 'mx', 'tres-por-uno.yaml'), AWKWARD);
  await writeFile(path.join(root, 'rules', 'mx', 'older', 'tres-por-uno-2019.yml'), 'id: tres-por-uno\n');
  await writeFile(path.join(root, 'rules', 'ma.json'), '{"id": "mdm-invest"}\n');
  await writeFile(path.join(root, 'rules', 'README.md'), 'not a rule file\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('the rule bundle for Workers', () => {
  it('takes every .yaml, .yml and .json file under rules/, nested too, sorted, with /-separated paths', async () => {
    const files = await readRuleFilesForBundle(root);
    expect(files.map((file) => file.path)).toEqual([
      'rules/ma.json',
      'rules/mx/older/tres-por-uno-2019.yml',
      'rules/mx/tres-por-uno.yaml',
    ]);
    expect(files[2]?.text).toBe(AWKWARD);
  });

  it('renders a module that gives back exactly the texts read', async () => {
    const files = await readRuleFilesForBundle(root);
    const source = renderRuleBundleModule(files);
    const module = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
    expect(module.bundledRuleFiles).toEqual(files);
    expect(Object.isFrozen(module.bundledRuleFiles)).toBe(true);
  });

  it('rewrites the module only when a rule file changed', async () => {
    const target = path.join(root, 'out', 'bundled-rules.js');
    await writeRuleBundleModule(root, target);
    const first = await stat(target);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeRuleBundleModule(root, target);
    expect((await stat(target)).mtimeMs).toBe(first.mtimeMs);

    await writeFile(path.join(root, 'rules', 'ma.json'), '{"id": "mdm-invest", "version": 2}\n');
    await writeRuleBundleModule(root, target);
    expect(await readFile(target, 'utf8')).toContain('\\"version\\": 2');
  });
});
