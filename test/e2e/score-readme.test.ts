import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ROOT, runCli } from '../helpers/cli.js';

// The README's "Risk score" section quotes `msglint score` on a fixture and does the arithmetic by hand.
// This keeps both true: when packs or weights change, update the README from the command's output.
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const start = readme.indexOf('\n## Risk score\n');
const section = start < 0 ? '' : readme.slice(start + 1, readme.indexOf('\n## ', start + 1) < 0 ? undefined : readme.indexOf('\n## ', start + 1));

function example(): { args: string[]; expected: string } {
  const block = /```text\n\$ msglint (score [^\n]+)\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README "## Risk score" has no ```text block starting with "$ msglint score …"');
  return { args: block[1].split(' '), expected: block[2] };
}

describe('README: the risk score worked example', { timeout: 60_000 }, () => {
  it('shows exactly what msglint score prints for the fixture', async () => {
    const { args, expected } = example();
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.stdout, `README "Risk score" is out of date: paste the output of "msglint ${args.join(' ')}"`).toBe(expected);
  });

  it('does the arithmetic right, with the points the command prints', async () => {
    const { expected } = example();
    const steps = [...section.matchAll(/(\d+(?:\.\d+)?)% of (?:the )?(\d+)(?: left)? = (\d+(?:\.\d+)?)\s*→ \+(\d+)/g)];
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const [text, w, left, value, points] of steps) {
      expect(Math.abs((Number(w) * Number(left)) / 100 - Number(value)), text).toBeLessThan(0.005);
      expect(Math.round(Number(value)), text).toBe(Number(points));
      const share = Number(left) === 100 ? `(${w}% of 100)` : `(${w}% of the ${left} left)`;
      expect(expected.split('\n').some((l) => l.trimStart().startsWith(`+${points} `) && l.endsWith(share)), text).toBe(true);
    }
    const together = /Together (\d+), (\w+)/.exec(section)!;
    expect(expected).toMatch(new RegExp(`^\\s+${together[1]}\\s+${together[2]} \\(`, 'm'));
    const alone = /scored on its own is (\d+)/.exec(section)!;
    expect(expected).toMatch(new RegExp(`template \\S+ \\S+ {2}${alone[1]} \\w+$`, 'm'));
  });
});
