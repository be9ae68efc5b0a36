import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { applyBaseline, BaselineError, createBaseline, formatBaseline, readBaseline } from '../../src/report/baseline.js';
import { tempTree } from '../helpers/cli.js';
import { finding, report, result } from './sample.js';

function twoShouts() {
  return report([
    result({ findings: [finding({ line: 6 }), finding({ line: 8, matchedText: 'HUGE DEAL', severity: 'error' })] }),
    result({ file: 'campaigns/bf.yaml', kind: 'campaign', name: 'bf', language: undefined, findings: [finding({ ruleId: 'velocity/over-throughput', area: 'velocity', file: 'campaigns/bf.yaml', path: '/schedule/ratePerSecond', matchedText: '250', severity: 'error' })] }),
  ]);
}

describe('baselines', () => {
  it('record findings sorted and counted, with the tool version', () => {
    const r = twoShouts();
    r.results[0].findings.push(finding({ line: 30 })); // a second identical occurrence
    const b = createBaseline(r);
    expect(b.tool.version).toBe('9.9.9');
    expect(b.findings.map((e) => [e.document, e.ruleId, e.count])).toEqual([
      ['campaign campaigns/bf.yaml', 'velocity/over-throughput', 1],
      ['template promo en_US', 'phrasing/shouting', 2],
      ['template promo en_US', 'phrasing/shouting', 1],
    ]);
    expect(formatBaseline(b)).toBe(formatBaseline(createBaseline(r)));
    expect(JSON.parse(formatBaseline(b)).findings[0]).not.toHaveProperty('matchedText');
  });

  it('suppress what they record even after lines move, and recount the summary', () => {
    const b = createBaseline(twoShouts());
    const later = twoShouts();
    for (const f of later.results[0].findings) f.line += 12;
    const outcome = applyBaseline(later, b, '.msglint-baseline.json');
    expect(outcome).toEqual({ matched: 3, stale: 0 });
    expect(later.summary).toMatchObject({ errors: 0, warnings: 0, suppressed: 3 });
    expect(later.results[0].suppressed![0].suppression).toEqual({ kind: 'baseline', reason: 'recorded in the baseline .msglint-baseline.json' });
  });

  it('count occurrences: one new finding of a rule fails alone, without bringing back the old ones', () => {
    const b = createBaseline(twoShouts());
    const later = twoShouts();
    later.results[0].findings.push(finding({ line: 50 }));
    applyBaseline(later, b, 'b.json');
    expect(later.results[0].findings.map((f) => f.line)).toEqual([50]);
    expect(later.summary.warnings).toBe(1);
    expect(later.results[0].suppressed).toHaveLength(2);
  });

  it('report entries that are gone as stale', () => {
    const b = createBaseline(twoShouts());
    const later = twoShouts();
    later.results[1].findings = [];
    expect(applyBaseline(later, b, 'b.json')).toEqual({ matched: 2, stale: 1 });
  });

  it('read back what they write, and refuse files that are not baselines', () => {
    const dir = tempTree({});
    const file = path.join(dir, 'b.json');
    const b = createBaseline(twoShouts());
    writeFileSync(file, formatBaseline(b));
    expect(readBaseline(file)).toEqual(b);
    const bad = (text: string) => {
      writeFileSync(file, text);
      try {
        readBaseline(file, 'b.json');
      } catch (e) {
        expect(e).toBeInstanceOf(BaselineError);
        return (e as BaselineError).message;
      }
      throw new Error('expected a BaselineError');
    };
    expect(bad('{nope')).toMatch(/not valid JSON/);
    expect(bad('{"version": 2, "findings": []}')).toMatch(/not a msglint baseline/);
    expect(bad('{"version": 1, "findings": [{"ruleId": "a"}]}')).toMatch(/findings\[0\] needs/);
    expect(bad('{"version": 1, "findings": [{"ruleId": "a", "document": "d", "path": "", "textHash": "", "count": 0}]}')).toMatch(/positive count/);
    expect(() => readBaseline(path.join(dir, 'missing.json'))).toThrow(/cannot read the baseline/);
  });
});
