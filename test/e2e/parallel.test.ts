import { cpSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli, tempTree } from '../helpers/cli.js';

describe('worker threads', () => {
  it('give byte-identical output to a single-threaded run, campaigns and cross-file links included', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      const body = i % 3 === 0 ? 'HUGE SALE TODAY ONLY, your code is {{1}}' : `Your order {{1}} number ${i} has shipped.`;
      files[`t/${String(i).padStart(3, '0')}.yaml`] = `name: t_${i}\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: "${body}"\n    example: { body_text: [["A${i}"]] }\n`;
    }
    const dir = tempTree(files);
    cpSync(path.join(ROOT, 'fixtures'), path.join(dir, 'fixtures'), { recursive: true });
    const serial = await runCli(['lint', '.', '--format', 'json'], dir, { MSGLINT_WORKERS: '0' });
    const parallel = await runCli(['lint', '.', '--format', 'json'], dir, { MSGLINT_WORKERS: '2' });
    expect(serial.stderr).toBe('');
    expect(parallel.stderr).toBe('');
    expect(parallel.code).toBe(serial.code);
    expect(JSON.parse(serial.stdout).summary.documents).toBeGreaterThan(40);
    expect(parallel.stdout).toBe(serial.stdout);
  });

  it('fall back to one thread when a worker dies, with the same report', async () => {
    const dir = tempTree(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`t${i}.yaml`, `name: t_${i}\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - { type: BODY, text: "ACT NOW to keep order {{1}}", example: { body_text: [["A${i}"]] } }\n`])));
    const serial = await runCli(['lint', '.', '--format', 'json'], dir, { MSGLINT_WORKERS: '0' });
    const starved = await runCli(['lint', '.', '--format', 'json'], dir, { MSGLINT_WORKERS: '2', MSGLINT_WORKER_HEAP_MB: '1' });
    expect(starved.stderr).toMatch(/linting on one thread instead/);
    expect(starved.code).toBe(serial.code);
    expect(starved.stdout).toBe(serial.stdout);
  });
});
