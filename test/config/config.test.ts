import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkRuleReferences, ConfigError, findConfigFile, isIgnored, loadConfig, ruleSettingsFor } from '../../src/config/index.js';
import { createLinter, lint } from '../../src/lint.js';
import { tempTree } from '../helpers/cli.js';

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const shouting = `name: promo\nlanguage: en_US\ncategory: MARKETING\ncomponents:\n  - type: BODY\n    text: "Our BIG SUMMER SALE starts today."\n`;

describe('config discovery', () => {
  it('finds msglint.config.yaml by walking up, and --config by path', () => {
    const dir = tempTree({ 'msglint.config.yaml': 'rules:\n  phrasing/shouting: error\n', 'a/b/c/.keep': '' });
    const found = findConfigFile(path.join(dir, 'a/b/c'));
    expect(found).toBe(path.join(dir, 'msglint.config.yaml'));
    const config = loadConfig(path.join(dir, 'a/b/c'));
    expect(config.file).toBe(found);
    expect(config.baseDir).toBe(dir);
    expect(config.rules).toEqual({ 'phrasing/shouting': 'error' });

    const other = tempTree({ 'ci/strict.yaml': 'kind: config\nfailOn: warning\n' });
    expect(loadConfig(other, 'ci/strict.yaml').failOn).toBe('warning');
    expect(configError(() => loadConfig(other, 'ci/missing.yaml')).message).toBe('config file not found');
  });

  it('skips a folder named like a config file', () => {
    const dir = tempTree({ 'msglint.config.yaml/.keep': '', 'sub/.keep': '' });
    expect(findConfigFile(path.join(dir, 'sub'))).not.toBe(path.join(dir, 'msglint.config.yaml'));
  });

  it('an empty or comment-only config is the defaults', () => {
    const dir = tempTree({ 'msglint.config.yaml': '# nothing yet\n' });
    const config = loadConfig(dir);
    expect(config.packs).toEqual([]);
    expect(config.layers).toEqual([]);
  });
});

describe('extends and overrides', () => {
  const tree = () =>
    tempTree({
      'shared/base.yaml': [
        'kind: config',
        'extends: [phrasing, "msglint:format"]',
        'rules:',
        '  phrasing/shouting: error',
        '  format/emoji-count: off',
        'overrides:',
        '  - files: ["legacy/**"]',
        '    rules: { phrasing/shouting: off }',
        'ignores: ["*.draft.yaml"]',
        'thresholds: { maxEmoji: 3 }',
        '',
      ].join('\n'),
      'shared/house-pack.yaml': 'kind: rule-pack\nname: house\nversion: 1.0.0\nrules: []\n',
      'repo/msglint.config.yaml': [
        'extends:',
        '  - ../shared/base.yaml',
        '  - ../shared/house-pack.yaml',
        'rules:',
        '  format/emoji-count: warning',
        'overrides:',
        '  - files: "templates/promo/**"',
        '    rules:',
        '      phrasing/shouting: info',
        'thresholds: { staleConsentDays: 90 }',
        '',
      ].join('\n'),
    });

  it('merges packs, rules, thresholds and keeps each glob relative to the config that wrote it', () => {
    const dir = tree();
    const config = loadConfig(path.join(dir, 'repo'));
    expect(config.packs).toEqual(['phrasing', 'format', path.join(dir, 'shared/house-pack.yaml')]);
    expect(config.rules).toEqual({ 'phrasing/shouting': 'error', 'format/emoji-count': 'warning' });
    expect(config.thresholds).toEqual({ maxEmoji: 3, staleConsentDays: 90 });
    const at = (rel: string) => ruleSettingsFor(config, path.join(dir, rel));
    // The base's override is inherited and relative to shared/, not to repo/.
    expect(at('shared/legacy/x.yaml')('phrasing/shouting', 'warning')).toBe('off');
    expect(at('repo/legacy/x.yaml')('phrasing/shouting', 'warning')).toBe('error');
    // The extending file's own override comes last and wins.
    expect(at('repo/templates/promo/a.yaml')('phrasing/shouting', 'warning')).toBe('info');
    expect(at('repo/templates/other.yaml')('format/emoji-count', 'warning')).toBe('warning');
    expect(at('repo/templates/other.yaml')('content/card-number-request', 'error')).toBe('error');
    // A glob without a slash matches the file name in any folder below the base's folder.
    expect(isIgnored(config, path.join(dir, 'shared/deep/down/x.draft.yaml'))).toBe(true);
    expect(isIgnored(config, path.join(dir, 'shared/x.yaml'))).toBe(false);
  });

  it('applies overrides relative to the config folder when msglint runs from a subfolder', async () => {
    const dir = tempTree({
      'msglint.config.yaml': 'extends: [phrasing]\noverrides:\n  - files: ["templates/strict/**"]\n    rules: { phrasing/shouting: error }\nignores: ["templates/drafts/**"]\n',
      'templates/strict/a.yaml': shouting,
      'templates/relaxed/b.yaml': shouting.replace('promo', 'promo_b'),
      'templates/drafts/c.yaml': shouting.replace('promo', 'promo_c'),
    });
    const cwd = path.join(dir, 'templates');
    const report = await lint({ cwd, paths: ['.'], now: new Date('2026-11-26T12:00:00Z') });
    const severities = Object.fromEntries(report.results.map((r) => [r.file, r.findings.filter((f) => f.ruleId === 'phrasing/shouting').map((f) => f.severity)]));
    expect(severities).toEqual({ 'relaxed/b.yaml': ['warning'], 'strict/a.yaml': ['error'] });
  });

  it("lints the config's files globs relative to the config's folder", async () => {
    const dir = tempTree({
      'msglint.config.yaml': 'extends: [phrasing]\nfiles: ["templates/**/*.yaml", "campaigns/**/*.yaml"]\n',
      'templates/a.yaml': shouting,
      'notes/other.yaml': 'not: a template\n',
    });
    mkdirSync(path.join(dir, 'deep/er'), { recursive: true });
    const report = await lint({ cwd: path.join(dir, 'deep/er'), now: new Date('2026-11-26T12:00:00Z') });
    expect(report.results.map((r) => r.file)).toEqual(['../../templates/a.yaml']);
  });
});

describe('config mistakes: exit 2 with file:line:column', () => {
  const cases: [string, string, RegExp, string][] = [
    ['unknown built-in pack', 'extends:\n  - recommended\n  - phrasng\n', /unknown pack "phrasng"; built-in packs are recommended/, 'msglint.config.yaml:3:5'],
    ['extends file missing', 'extends: ./nowhere.yaml\n', /extends "\.\/nowhere\.yaml": no such file/, 'msglint.config.yaml:1:10'],
    ['pack file missing', 'packs: [./packs/mine.yaml]\n', /pack "\.\/packs\/mine\.yaml": no such file/, 'msglint.config.yaml:1:9'],
    ['bad severity', 'rules:\n  phrasing/shouting: loud\n', /"phrasing\/shouting" must be one of off, info, warning or error/, 'msglint.config.yaml:2:22'],
    ['misspelled key', 'extends: [recommended]\nrulez: {}\n', /unknown key "rulez"/, 'msglint.config.yaml:2:1'],
    ['YAML syntax', 'rules:\n  a: [1,\n', /invalid YAML/, 'msglint.config.yaml:'],
    ['a list, not a mapping', '- recommended\n', /a config is a mapping of settings/, 'msglint.config.yaml:1:1'],
    ['two documents', 'failOn: error\n---\nfailOn: never\n', /one YAML document/, 'msglint.config.yaml:2:1'],
    ['override without files', 'overrides:\n  - files: []\n    rules: {}\n', /needs at least one glob/, 'msglint.config.yaml:2:5'],
    ['account file missing', 'account: ./accounts/acme.yaml\n', /account "\.\/accounts\/acme\.yaml": no such file/, 'msglint.config.yaml:1:10'],
    ['a rule pack given as the config', 'kind: rule-pack\nname: x\nversion: 1.0.0\nrules: []\n', /this is a rule pack, not a config/, 'msglint.config.yaml'],
  ];
  for (const [what, text, message, location] of cases) {
    it(what, () => {
      const dir = tempTree({ 'msglint.config.yaml': text });
      const e = configError(() => loadConfig(dir));
      expect(e.message).toMatch(message);
      expect(e.location.startsWith(location)).toBe(true);
    });
  }

  it('a cycle of extends is reported where it closes', () => {
    const dir = tempTree({ 'msglint.config.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'kind: config\nextends: ./msglint.config.yaml\n' });
    const e = configError(() => loadConfig(dir));
    expect(e.message).toMatch(/cycle/);
    expect(e.location).toBe('b.yaml:2:10');
  });

  it('a mistake in an extended config points into that file', () => {
    const dir = tempTree({ 'msglint.config.yaml': 'extends: ./shared.yaml\n', 'shared.yaml': 'kind: config\nfailOn: sometimes\n' });
    expect(configError(() => loadConfig(dir)).location).toBe('shared.yaml:2:9');
  });

  it('a rule id that names no rule, with a suggestion', () => {
    const dir = tempTree({ 'msglint.config.yaml': 'extends: [phrasing]\noverrides:\n  - files: ["*.yaml"]\n    rules:\n      phrasing/shoutng: off\n' });
    const e = configError(() => createLinter(dir));
    expect(e.message).toBe('no rule "phrasing/shoutng"; did you mean "phrasing/shouting"? (msglint rules list shows the rules)');
    expect(e.location).toBe('msglint.config.yaml:5:7');
  });

  it('rules of built-in packs that are not active, and core rules, are accepted', () => {
    const dir = tempTree({ 'msglint.config.yaml': 'extends: [phrasing]\nrules:\n  content/card-number-request: off\n  input/unused-suppression: error\n' });
    expect(() => createLinter(dir)).not.toThrow();
    const config = loadConfig(dir);
    expect(() => checkRuleReferences(config, ['phrasing/shouting'])).toThrow(ConfigError);
  });
});
