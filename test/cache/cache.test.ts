import { chmodSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli, tempTree } from '../helpers/cli.js';

/** A repository of templates, campaigns that send some of them, accounts and audiences (no Meta signals). */
function repository(): string {
  const dir = tempTree({});
  for (const sub of ['templates', 'campaigns', 'accounts', 'audiences']) cpSync(path.join(ROOT, 'fixtures', sub), path.join(dir, sub), { recursive: true });
  return dir;
}

const lint = (dir: string, ...extra: string[]) => runCli(['lint', '.', '--format', 'json', ...extra], dir);

/** The cached run and an uncached one must print the same bytes and exit the same way. */
async function expectSameAsUncached(dir: string): Promise<string> {
  const cached = await lint(dir, '--cache');
  const plain = await lint(dir);
  expect(cached.stderr).toBe('');
  expect(cached.code).toBe(plain.code);
  expect(cached.stdout).toBe(plain.stdout);
  return cached.stdout;
}

/** Puts a marker into the cached results of one file, to see whether a run reused them. */
function markCachedResults(dir: string, file: string): void {
  const cacheFile = path.join(dir, '.msglintcache');
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, { results: { findings: { message: string }[] }[] }> };
  const entry = cache.files[path.join(dir, file)];
  expect(entry, `${file} is cached`).toBeDefined();
  entry.results[0].findings.push({ ...(entry.results[0].findings[0] ?? {}), message: 'MARKER FROM THE CACHE' } as { message: string });
  writeFileSync(cacheFile, JSON.stringify(cache));
}

describe('lint --cache', () => {
  it('reuses unchanged template files and gives the same report as an uncached run after every kind of change', async () => {
    const dir = repository();
    await expectSameAsUncached(dir);
    expect(existsSync(path.join(dir, '.msglintcache'))).toBe(true);
    await expectSameAsUncached(dir);

    // Reuse is real: a marker planted in the cache shows up; once the file changes, it is gone.
    markCachedResults(dir, 'templates/flash_sale.yaml');
    expect((await lint(dir, '--cache')).stdout).toContain('MARKER FROM THE CACHE');
    const flash = path.join(dir, 'templates/flash_sale.yaml');
    writeFileSync(flash, readFileSync(flash, 'utf8').replace('BIGGEST SALE EVER', 'Biggest sale ever'));
    expect((await expectSameAsUncached(dir))).not.toContain('MARKER FROM THE CACHE');

    // A copy of an unchanged template (other name, same wording) changes the unchanged one's findings.
    const order = readFileSync(path.join(dir, 'templates/order_update.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'templates/order_copy.yaml'), order.replace(/name: order_update/, 'name: order_copy'));
    expect(await expectSameAsUncached(dir)).toMatch(/repeat template '(order_copy|order_update)'/);
    // …and so does removing it again, or renaming the copy.
    writeFileSync(path.join(dir, 'templates/order_copy.yaml'), order.replace(/name: order_update/, 'name: order_copy_two'));
    expect(await expectSameAsUncached(dir)).toContain("repeat template 'order_copy_two'");
    rmSync(path.join(dir, 'templates/order_copy.yaml'));
    expect(await expectSameAsUncached(dir)).not.toMatch(/repeat template '(order_copy|order_copy_two|order_update)'/);

    // Campaigns are always linted again, with the cached templates (and their findings) in view.
    const campaign = path.join(dir, 'campaigns/order-updates.yaml');
    writeFileSync(campaign, readFileSync(campaign, 'utf8').replace('ratePerSecond: 20', 'ratePerSecond: 400'));
    await expectSameAsUncached(dir);

    // A config that turns a rule off is another run: nothing is reused from before it.
    markCachedResults(dir, 'templates/order_update.yaml');
    writeFileSync(path.join(dir, 'msglint.config.yaml'), 'rules:\n  phrasing/shouting: off\n');
    expect(await expectSameAsUncached(dir)).not.toContain('MARKER FROM THE CACHE');
  }, 240_000);

  it('reads no template results when Meta signals are linted with them', async () => {
    const dir = repository();
    await expectSameAsUncached(dir);
    markCachedResults(dir, 'templates/flash_sale.yaml');
    cpSync(path.join(ROOT, 'fixtures', 'meta-signals'), path.join(dir, 'meta-signals'), { recursive: true });
    expect(await expectSameAsUncached(dir)).not.toContain('MARKER FROM THE CACHE');
  }, 120_000);

  it('ignores a broken cache file and warns (without failing) when the cache cannot be written', async () => {
    const dir = tempTree({ 't.yaml': readFileSync(path.join(ROOT, 'fixtures/templates/flash_sale.yaml'), 'utf8') });
    writeFileSync(path.join(dir, '.msglintcache'), '{"version": 1, "key": ');
    await expectSameAsUncached(dir);
    expect(JSON.parse(readFileSync(path.join(dir, '.msglintcache'), 'utf8')).version).toBe(1);

    const locked = path.join(dir, 'locked');
    cpSync(path.join(dir, 't.yaml'), path.join(locked, 't.yaml'));
    chmodSync(locked, 0o500);
    try {
      const plain = await runCli(['lint', 't.yaml', '--format', 'json'], locked);
      const cached = await runCli(['lint', 't.yaml', '--format', 'json', '--cache'], locked);
      // root can write anywhere: then there is nothing to warn about.
      if (!existsSync(path.join(locked, '.msglintcache'))) expect(cached.stderr).toMatch(/could not write the cache/);
      expect(cached.stdout).toBe(plain.stdout);
      expect(cached.code).toBe(plain.code);
    } finally {
      chmodSync(locked, 0o700);
    }
  }, 120_000);
});
