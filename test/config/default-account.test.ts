import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli, tempTree } from '../helpers/cli.js';

describe("the config's default account", () => {
  it('is what a campaign that names no account sends from', async () => {
    const dir = tempTree({});
    for (const sub of ['templates', 'accounts', 'audiences']) cpSync(path.join(ROOT, 'fixtures', sub), path.join(dir, sub), { recursive: true });
    const campaign = readFileSync(path.join(ROOT, 'fixtures/campaigns/black-friday.yaml'), 'utf8');
    expect(campaign).toContain('account: ../accounts/acme.yaml');
    // initech: a restricted number with a red quality rating, which the velocity checks report.
    const campaignInitech = campaign.replace('account: ../accounts/acme.yaml', 'account: ../accounts/initech.yaml');
    mkdirSync(path.join(dir, 'campaigns'));
    writeFileSync(path.join(dir, 'campaigns/named.yaml'), campaignInitech);
    const args = ['lint', 'campaigns', 'templates', '--format', 'json', '--fail-on', 'never', '--now', '2026-11-27T12:00:00Z'];
    const named = JSON.parse((await runCli(args, dir)).stdout);

    writeFileSync(path.join(dir, 'campaigns/named.yaml'), campaignInitech.replace('account: ../accounts/initech.yaml\n', ''));
    const without = JSON.parse((await runCli(args, dir)).stdout);
    writeFileSync(path.join(dir, 'msglint.config.yaml'), 'account: accounts/initech.yaml\n');
    const fromConfig = JSON.parse((await runCli(args, dir)).stdout);

    const findingsOf = (report: { results: { file: string; findings: { ruleId: string; message: string }[] }[] }) =>
      report.results.filter((r) => r.file === 'campaigns/named.yaml').flatMap((r) => r.findings.map((f) => `${f.ruleId}: ${f.message}`));
    expect(findingsOf(fromConfig)).toEqual(findingsOf(named));
    expect(findingsOf(without)).not.toEqual(findingsOf(named));

    // A default account that does not exist is a mistake in the config: exit 2, at its place.
    writeFileSync(path.join(dir, 'msglint.config.yaml'), 'account: accounts/missing.yaml\n');
    const missing = await runCli(args, dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/msglint\.config\.yaml:1:10: account "accounts\/missing\.yaml"/);
  });
});
