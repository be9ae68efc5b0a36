import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { BIN, ROOT, runCli, tempTree } from '../helpers/cli.js';

// End-to-end: the built CLI (npm run build) on a copy of the fixtures, every output checked by a real parser or
// validator: Microsoft's SARIF Multitool, fast-xml-parser, JSON.parse, the workflow-command grammar.

interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}
interface JsonResult {
  file: string;
  kind: string;
  name?: string;
  findings: JsonFinding[];
  suppressed?: (JsonFinding & { suppression: { kind: string; reason: string; line?: number } })[];
}
interface JsonReport {
  results: JsonResult[];
  summary: { files: number; documents: number; errors: number; warnings: number; infos: number; suppressed?: number };
}

const require = createRequire(import.meta.url);

// Each test runs the CLI several times; on a loaded 2-core machine that takes longer than the default 30 s.
vi.setConfig({ testTimeout: 120_000 });

/** The multitool's platform binary; npm here does not run install scripts, so it may lack its execute bit. */
function multitool(): string {
  const bin = require('@microsoft/sarif-multitool') as string;
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    chmodSync(bin, 0o755);
  }
  return bin;
}

interface Diagnostic {
  ruleId: string;
  level: string;
  text: string;
}

/** `Sarif.Multitool validate --rule-kind <kind>`: the diagnostics it writes to its own SARIF log. */
function validateSarif(file: string, ruleKind: 'Gh' | 'Sarif'): Promise<Diagnostic[]> {
  const out = `${file}.${ruleKind}.validation.sarif`;
  return new Promise((resolve, reject) => {
    execFile(multitool(), ['validate', '--rule-kind', ruleKind, '--output', out, file], { env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } }, (error, stdout, stderr) => {
      if (!existsSync(out)) return reject(new Error(`the SARIF multitool did not run: ${error?.message ?? ''}\n${stdout}\n${stderr}`));
      const log = JSON.parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
      const diagnostics: Diagnostic[] = (log.runs ?? []).flatMap((run: { results?: { ruleId: string; level?: string; message: { id?: string; arguments?: string[] } }[] }) =>
        (run.results ?? []).map((r) => ({ ruleId: r.ruleId, level: r.level ?? 'warning', text: `${r.message.id ?? ''} ${(r.message.arguments ?? []).join(' | ')}` })),
      );
      resolve(diagnostics);
    });
  });
}

let repo: string;

beforeAll(() => {
  repo = tempTree({});
  cpSync(path.join(ROOT, 'fixtures'), path.join(repo, 'fixtures'), { recursive: true });
});

async function lintJson(args: string[], cwd = repo): Promise<JsonReport> {
  const r = await runCli(['lint', ...args, '--format', 'json'], cwd);
  expect(r.code, r.stderr).toBeLessThan(2);
  return JSON.parse(r.stdout) as JsonReport;
}

const allFindings = (report: JsonReport) => report.results.flatMap((r) => r.findings);

describe('--format sarif', () => {
  it('passes the SARIF Multitool with the GitHub rules and the SARIF rules: no errors', async () => {
    const file = path.join(repo, 'msglint.sarif');
    const r = await runCli(['lint', 'fixtures', '--format', 'sarif', '--output', file], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    for (const kind of ['Gh', 'Sarif'] as const) {
      const diagnostics = await validateSarif(file, kind);
      const errors = diagnostics.filter((d) => d.level === 'error');
      expect(errors, JSON.stringify(errors.slice(0, 5))).toEqual([]);
      if (kind === 'Sarif') expect(diagnostics.filter((d) => d.level === 'warning'), 'SARIF warnings').toEqual([]);
    }
  }, 120_000);

  it('the validator is not vacuous: it rejects a log without the help GitHub requires', async () => {
    const file = path.join(repo, 'broken.sarif');
    const log = JSON.parse((await runCli(['lint', 'fixtures', '--format', 'sarif'], repo)).stdout);
    delete log.runs[0].tool.driver.rules[0].help;
    delete log.runs[0].tool.driver.rules[0].fullDescription;
    writeFileSync(file, JSON.stringify(log));
    const diagnostics = await validateSarif(file, 'Gh');
    expect(diagnostics.filter((d) => d.level === 'error').map((d) => d.ruleId)).toContain('GH2012');
  }, 120_000);

  it('has one result per reported finding, at the same exact region, and the same bytes on every run', async () => {
    const [a, b] = await Promise.all([runCli(['lint', 'fixtures', '--format', 'sarif'], repo), runCli(['lint', 'fixtures', '--format', 'sarif'], repo)]);
    expect(a.stdout).toBe(b.stdout);
    const run = JSON.parse(a.stdout).runs[0];
    const findings = allFindings(await lintJson(['fixtures']));
    expect(run.results).toHaveLength(findings.length);
    const regions = run.results.map((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }) => {
      const loc = x.locations[0].physicalLocation;
      return `${x.ruleId} ${decodeURI(loc.artifactLocation.uri)} ${loc.region.startLine}:${loc.region.startColumn}-${loc.region.endLine}:${loc.region.endColumn}`;
    });
    const expected = findings.map((f) => `${f.ruleId} ${f.file} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
    expect([...regions].sort()).toEqual([...expected].sort());
    const active = JSON.parse((await runCli(['rules', 'list', '--format', 'json'], repo)).stdout) as { id: string }[];
    const listed = new Set(run.tool.driver.rules.map((x: { id: string }) => x.id));
    for (const rule of active) expect(listed.has(rule.id), rule.id).toBe(true);
  });

  it('keeps partialFingerprints when unrelated lines move', async () => {
    const dir = tempTree({});
    cpSync(path.join(ROOT, 'fixtures/templates'), path.join(dir, 'templates'), { recursive: true });
    const prints = async () => {
      const run = JSON.parse((await runCli(['lint', 'templates', '--format', 'sarif'], dir)).stdout).runs[0];
      return run.results.map((x: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }) => ({
        key: `${x.ruleId} ${x.partialFingerprints['msglintFindingKey/v1']}`,
        line: x.locations[0].physicalLocation.region.startLine,
      }));
    };
    const before = await prints();
    expect(before.length).toBeGreaterThan(0);
    const flash = path.join(dir, 'templates/flash_sale.yaml');
    writeFileSync(flash, `# reviewed by legal\n# on 2026-11-20\n\n${readFileSync(flash, 'utf8')}`);
    const after = await prints();
    expect(after.map((x: { key: string }) => x.key).sort()).toEqual(before.map((x: { key: string }) => x.key).sort());
    expect(after.map((x: { line: number }) => x.line)).not.toEqual(before.map((x: { line: number }) => x.line));
  });
});

describe('--format github', () => {
  const COMMAND = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:\r\n]*)(?:,[a-zA-Z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;

  it('prints one well-formed annotation per finding and a summary notice with the totals', async () => {
    const r = await runCli(['lint', 'fixtures', '--format', 'github'], repo);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(COMMAND);
    const report = await lintJson(['fixtures']);
    const findings = allFindings(report);
    const annotations = lines.filter((l) => !l.includes('title=msglint summary::'));
    expect(annotations).toHaveLength(findings.length);
    for (const line of annotations) {
      const props = Object.fromEntries(COMMAND.exec(line)![2].split(',').map((p) => p.split('=')));
      expect(Object.keys(props)).toEqual(['file', 'line', 'endLine', 'col', 'endColumn', 'title']);
      expect(existsSync(path.join(repo, decodeURIComponent(props.file.replace(/%3A/g, ':').replace(/%2C/g, ','))))).toBe(true);
    }
    const summary = lines.find((l) => l.includes('title=msglint summary::'))!;
    const { errors, warnings, documents } = report.summary;
    expect(summary).toContain(`msglint: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    expect(summary).toContain(`in ${documents} documents`);
    // The summary is never hidden behind ten info notices: it comes before them.
    const firstInfo = lines.findIndex((l) => l.startsWith('::notice file='));
    expect(firstInfo === -1 || firstInfo > lines.indexOf(summary)).toBe(true);
  });
});

describe('--format junit', () => {
  it('is valid XML: a suite per file, a case per document, a failure per error', async () => {
    const out = path.join(repo, 'junit.xml');
    const r = await runCli(['lint', 'fixtures', '--format', 'junit', '--output', out], repo);
    expect(r.code).toBe(1);
    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase', 'failure'].includes(n) }).parse(xml);
    const report = await lintJson(['fixtures']);
    const suites = doc.testsuites.testsuite as { name: string; testcase: { failure?: unknown[] }[] }[];
    expect(suites.map((s) => s.name)).toEqual([...new Set(report.results.map((x) => x.file))]);
    expect(suites.reduce((n, s) => n + s.testcase.length, 0)).toBe(report.results.length);
    expect(suites.reduce((n, s) => n + s.testcase.reduce((m, c) => m + (c.failure?.length ?? 0), 0), 0)).toBe(report.summary.errors);
    expect(Number(doc.testsuites.failures)).toBe(report.summary.errors);
  });
});

describe('--format markdown', () => {
  it('summarises totals, riskiest documents and top findings with rule links', async () => {
    const r = await runCli(['lint', 'fixtures', '--format', 'markdown'], repo);
    expect(r.code).toBe(1);
    const report = await lintJson(['fixtures']);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^## ❌ msglint: ${report.summary.errors} errors?, ${report.summary.warnings} warnings?`));
    expect(r.stdout).toMatch(/### Highest risk/);
    expect(r.stdout).toMatch(/### Top findings/);
    const links = [...r.stdout.matchAll(/\]\((https:\/\/github\.com\/msglint\/msglint\/blob\/main\/docs\/rules\.md#([a-z0-9-]+))\)/g)].map((m) => m[2]);
    expect(links.length).toBeGreaterThan(0);
    const docs = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
    for (const anchor of new Set(links)) expect(docs, anchor).toContain(`<a id="${anchor}"></a>`);
  });
});

describe('the README examples, as written', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Pull-request checks'));

  it('shows the tested config and suppression files verbatim', () => {
    expect(section).toContain('```yaml\n' + readFileSync(path.join(ROOT, 'fixtures/pr-checks/msglint.config.yaml'), 'utf8') + '```');
    expect(section).toContain('```yaml\n' + readFileSync(path.join(ROOT, 'fixtures/pr-checks/templates/garden_week.yaml'), 'utf8') + '```');
  });

  it('the config applies: files, ignores, overrides, and the suppression with its reason', async () => {
    const cwd = path.join(repo, 'fixtures/pr-checks');
    const r = await runCli(['lint'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = await lintJson([], cwd);
    expect(report.results.map((x) => x.file).sort()).toEqual(['templates/garden_week.yaml', 'templates/internal/stock_alert.yaml']);
    const garden = report.results.find((x) => x.name === 'garden_week')!;
    expect(garden.findings).toEqual([]);
    expect(garden.suppressed).toEqual([
      expect.objectContaining({ ruleId: 'phrasing/shouting', severity: 'error', line: 8, suppression: { kind: 'next-line', reason: '"GROW YOUR OWN" is the registered name of the event', line: 7 } }),
    ]);
    // Without the config the override, the ignore and the stricter severity are gone.
    const bare = await lintJson(['fixtures/pr-checks/templates'], repo);
    expect(bare.results.find((x) => x.name === 'stock_alert')!.findings.map((f) => f.ruleId)).toContain('phrasing/shouting');
    expect(bare.results.some((x) => x.name === 'untitled')).toBe(true);
  });

  it('a mistake in the config is exit 2 with its place, as the README says', async () => {
    const dir = tempTree({});
    cpSync(path.join(ROOT, 'fixtures/pr-checks'), dir, { recursive: true });
    const config = path.join(dir, 'msglint.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('phrasing/shouting: error', 'phrasing/shoutin: error'));
    const r = await runCli(['lint'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const expected = /`(msglint: msglint\.config\.yaml:10:3: no rule "phrasing\/shoutin"; did you mean "phrasing\/shouting"\?)`/.exec(section)![1];
    expect(r.stderr.startsWith(expected)).toBe(true);
  });

  it('a suppression without a reason is an error and suppresses nothing', async () => {
    const dir = tempTree({});
    cpSync(path.join(ROOT, 'fixtures/pr-checks'), dir, { recursive: true });
    const file = path.join(dir, 'templates/garden_week.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/ -- "GROW YOUR OWN" is the registered name of the event/, ''));
    const r = await runCli(['lint', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const garden = (JSON.parse(r.stdout) as JsonReport).results.find((x) => x.name === 'garden_week')!;
    expect(garden.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['input/suppression-without-reason', 7],
      ['phrasing/shouting', 8],
    ]);
  });

  it('the yaml-language-server comments name schemas that exist, by their stable $id', () => {
    const named = [...section.matchAll(/\b([a-z-]+\.schema\.json)\b/g)].map((m) => m[1]);
    expect(new Set(named)).toEqual(new Set(['template.schema.json', 'campaign.schema.json', 'account.schema.json', 'config.schema.json', 'rule-pack.schema.json']));
    for (const file of new Set(named)) {
      const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8'));
      expect(schema.$id).toBe(`https://msglint.dev/schemas/${file}`);
    }
    expect(section).toContain('# yaml-language-server: $schema=https://msglint.dev/schemas/template.schema.json');
  });

  it('the workflow snippet uses the inputs action.yml declares', () => {
    const workflow = parseYaml(/### GitHub Actions[\s\S]*?```yaml\n([\s\S]*?)```/.exec(section)![1]);
    const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    const step = workflow.jobs.msglint.steps.find((s: { uses?: string }) => s.uses?.startsWith('msglint/msglint@'));
    for (const input of Object.keys(step.with)) expect(Object.keys(action.inputs)).toContain(input);
    expect(workflow.permissions['security-events']).toBe('write');
  });
});

describe('action.yml', () => {
  const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

  it('is a composite action on Node 20 that uploads SARIF with codeql-action when asked', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps as { uses?: string; with?: Record<string, unknown>; if?: string }[];
    expect(steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.if).toMatch(/inputs\.sarif == 'true'/);
    for (const input of ['paths', 'format', 'fail-on', 'sarif']) expect(action.inputs).toHaveProperty(input);
  });

  it('its lint script runs msglint with the inputs and reports the exit code, SARIF and the job summary', async () => {
    const lint = (action.runs.steps as { id?: string; run: string }[]).find((s) => s.id === 'lint')!;
    const dir = tempTree({ 'bin/npx': `#!/bin/sh\necho "$2" >> "$NPX_LOG"\nshift 2\nexec "${process.execPath}" "${BIN}" "$@"\n` });
    chmodSync(path.join(dir, 'bin/npx'), 0o755);
    const work = path.join(dir, 'work');
    mkdirSync(work);
    cpSync(path.join(ROOT, 'fixtures'), path.join(work, 'fixtures'), { recursive: true });
    const env = {
      ...process.env,
      PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`,
      NPX_LOG: path.join(dir, 'npx.log'),
      GITHUB_OUTPUT: path.join(dir, 'output'),
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
      MSGLINT_PATHS: 'fixtures/templates fixtures/campaigns/*.yaml',
      MSGLINT_FORMAT: 'github',
      MSGLINT_FAIL_ON: 'error',
      MSGLINT_SARIF: 'true',
      MSGLINT_SARIF_FILE: 'out/msglint.sarif',
      MSGLINT_SUMMARY: 'true',
      MSGLINT_CONFIG: '',
      MSGLINT_BASELINE: '',
      MSGLINT_VERSION: '0.1.0',
      MSGLINT_CACHE: 'true',
      MSGLINT_CACHE_FILE: path.join(dir, 'runner-temp/msglint-cache/.msglintcache'),
      NO_COLOR: '1',
    };
    const run = await new Promise<{ code: number; stdout: string }>((resolve) =>
      // The way GitHub runs `shell: bash` steps.
      execFile('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lint.run], { cwd: work, env }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout })),
    );
    expect(run.code).toBe(0); // the step itself never fails; the last step does
    const cacheFile = path.join(dir, 'runner-temp/msglint-cache/.msglintcache');
    expect(readFileSync(path.join(dir, 'output'), 'utf8')).toBe(`sarif-file=out/msglint.sarif\ncache-file=${cacheFile}\nexit-code=1\n`);
    // The SARIF and summary lints reused the first one's results (the save step keeps the file for the next run).
    expect(existsSync(cacheFile)).toBe(true);
    expect(existsSync(path.join(work, '.msglintcache'))).toBe(false);
    expect(run.stdout).toMatch(/^::error file=fixtures\/(templates|campaigns)\//m);
    expect(JSON.parse(readFileSync(path.join(work, 'out/msglint.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toMatch(/^## ❌ msglint:/);
    expect(readFileSync(path.join(dir, 'npx.log'), 'utf8').trim().split('\n')).toEqual(['msglint@0.1.0', 'msglint@0.1.0', 'msglint@0.1.0']);
  }, 120_000);
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks that run msglint lint on YAML and JSON', () => {
    const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames: boolean }[];
    expect(hooks.map((h) => h.id)).toEqual(['msglint', 'msglint-changed']);
    for (const h of hooks) {
      expect(h.entry).toBe('msglint lint');
      expect(h.language).toBe('node');
      const files = new RegExp(h.files);
      expect(['templates/a.yaml', 'b.yml', 'c.json'].every((f) => files.test(f))).toBe(true);
      expect(files.test('README.md')).toBe(false);
    }
    expect(hooks[0].pass_filenames).toBe(false);
  });
});

describe('baselines', () => {
  it('fail only on new findings: moved lines stay quiet, one new finding fails alone', async () => {
    const dir = tempTree({});
    cpSync(path.join(ROOT, 'fixtures/templates'), path.join(dir, 'templates'), { recursive: true });
    const before = await runCli(['lint', 'templates', '--format', 'json'], dir);
    const existing = allFindings(JSON.parse(before.stdout));
    expect(existing.length).toBeGreaterThan(0);

    const written = await runCli(['lint', 'templates', '--write-baseline', '.msglint-baseline.json'], dir);
    expect(written.code).toBe(0);
    expect(written.stderr).toBe(`msglint: recorded ${existing.length} finding${existing.length === 1 ? '' : 's'} in .msglint-baseline.json\n`);
    const baseline = JSON.parse(readFileSync(path.join(dir, '.msglint-baseline.json'), 'utf8'));
    expect(baseline).toMatchObject({ version: 1, tool: { name: 'msglint' } });
    expect(baseline.findings.reduce((n: number, e: { count: number }) => n + e.count, 0)).toBe(existing.length);

    const clean = await runCli(['lint', 'templates', '--baseline', '.msglint-baseline.json', '--format', 'json'], dir);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).summary).toMatchObject({ errors: 0, warnings: 0, suppressed: existing.length });

    // Unrelated lines move: nothing comes back.
    for (const name of ['flash_sale.yaml', 'login_code.yaml']) {
      const file = path.join(dir, 'templates', name);
      writeFileSync(file, `# owner: growth team\n# last review: 2026-11-20\n${readFileSync(file, 'utf8')}`);
    }
    const moved = await runCli(['lint', 'templates', '--baseline', '.msglint-baseline.json'], dir);
    expect(moved.code).toBe(0);
    expect(moved.stderr).toBe('');

    // One new template with an error: only it fails.
    writeFileSync(
      path.join(dir, 'templates/new_code.yaml'),
      'name: new_code\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: "Your verification code is {{1}}."\n    example:\n      body_text: [["123456"]]\n',
    );
    const added = await runCli(['lint', 'templates', '--baseline', '.msglint-baseline.json', '--format', 'json'], dir);
    expect(added.code).toBe(1);
    const fresh = allFindings(JSON.parse(added.stdout));
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((f) => f.file))).toEqual(new Set(['templates/new_code.yaml']));

    // A fixed finding leaves a stale entry, reported on stderr.
    writeFileSync(path.join(dir, 'templates/flash_sale.yaml'), readFileSync(path.join(ROOT, 'fixtures/templates/order_update.yaml'), 'utf8').replace('order_update', 'flash_sale'));
    const fixed = await runCli(['lint', 'templates/flash_sale.yaml', 'templates/login_code.yaml', 'templates/exported.json', '--baseline', '.msglint-baseline.json'], dir);
    expect(fixed.stderr).toMatch(/recorded in \.msglint-baseline\.json (is|are) gone; shrink the baseline with --write-baseline/);
  }, 180_000);

  it('a baseline that cannot be read is exit 2', async () => {
    const dir = tempTree({ 'a.yaml': readFileSync(path.join(ROOT, 'fixtures/templates/order_update.yaml'), 'utf8'), 'bad.json': '{"version": 7}' });
    const missing = await runCli(['lint', 'a.yaml', '--baseline', 'nope.json'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^msglint: nope\.json: cannot read the baseline/);
    const bad = await runCli(['lint', 'a.yaml', '--baseline', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a msglint baseline/);
  });
});

describe('msglint init', () => {
  it('writes a commented starter config that msglint then uses, and refuses to overwrite without --force', async () => {
    const dir = tempTree({});
    cpSync(path.join(ROOT, 'fixtures/templates'), path.join(dir, 'templates'), { recursive: true });
    const before = await runCli(['lint', 'templates', '--format', 'json'], dir);
    const first = await runCli(['init'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const text = readFileSync(path.join(dir, 'msglint.config.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=https:\/\/msglint\.dev\/schemas\/config\.schema\.json\n/);
    const after = await runCli(['lint', 'templates', '--format', 'json'], dir);
    expect(after.code).toBe(before.code);
    expect(JSON.parse(after.stdout).results).toEqual(JSON.parse(before.stdout).results);

    writeFileSync(path.join(dir, 'msglint.config.yaml'), 'failOn: never\n');
    const again = await runCli(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
    expect(readFileSync(path.join(dir, 'msglint.config.yaml'), 'utf8')).toBe('failOn: never\n');
    expect((await runCli(['init', '--force'], dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, 'msglint.config.yaml'), 'utf8')).toBe(text);
  });
});

describe('config discovery from the CLI', () => {
  it('walks up from a subfolder; --config names another file; a broken one is exit 2 with file:line:col', async () => {
    const dir = tempTree({
      'msglint.config.yaml': 'extends: [phrasing]\nrules:\n  phrasing/shouting: error\n',
      'ci/lenient.yaml': 'kind: config\nextends: [phrasing]\nrules:\n  phrasing/shouting: info\n',
      'templates/deep/a.yaml': 'name: a\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: "Our BIG SUMMER SALE starts today."\n',
    });
    const sub = path.join(dir, 'templates/deep');
    const strict = await runCli(['lint', 'a.yaml', '--format', 'json'], sub);
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).results[0].findings.map((f: JsonFinding) => [f.ruleId, f.severity])).toEqual([['phrasing/shouting', 'error']]);
    const lenient = await runCli(['lint', 'a.yaml', '--config', '../../ci/lenient.yaml', '--format', 'json'], sub);
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.stdout).results[0].findings.map((f: JsonFinding) => f.severity)).toEqual(['info']);

    writeFileSync(path.join(dir, 'msglint.config.yaml'), 'extends: [phrasing]\nrules:\n  phrasing/shouting: loud\n');
    const broken = await runCli(['lint', 'a.yaml'], sub);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^msglint: \.\.\/\.\.\/msglint\.config\.yaml:3:22: invalid config: "phrasing\/shouting" must be one of off, info, warning or error/);
  });
});
