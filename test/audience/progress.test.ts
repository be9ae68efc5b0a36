import { describe, expect, it } from 'vitest';

import { createProgress } from '../../src/audience/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 100, write: (t: string) => writes.push(t) > 0 }, writes };
}

describe('progress bar', () => {
  it('draws on a terminal, at most every 100 ms, and clears its line when done', () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const p = createProgress({ label: 'big.csv', total: 100 * 1048576, stream, now: () => t });
    p.update(10 * 1048576);
    t = 50;
    p.update(20 * 1048576);
    t = 150;
    p.update(50 * 1048576);
    p.done();
    p.done();
    expect(writes).toHaveLength(3);
    expect(writes[0]).toMatch(/^\rbig\.csv \[#+-+\] {2}10% 10\/100 MB 0\.0 s$/);
    expect(writes[1]).toMatch(/ 50% 50\/100 MB 0\.1 s$/);
    expect(writes[2]).toBe('\r\u001b[2K');
  });

  it('draws nothing when the stream is not a terminal, or when MSGLINT_PROGRESS=0', () => {
    const pipe = fakeStream(false);
    const p = createProgress({ label: 'big.csv', total: 100, stream: pipe.stream });
    p.update(50);
    p.done();
    expect(pipe.writes).toEqual([]);
    const tty = fakeStream(true);
    process.env.MSGLINT_PROGRESS = '0';
    try {
      const q = createProgress({ label: 'big.csv', total: 100, stream: tty.stream });
      q.update(50);
      q.done();
    } finally {
      delete process.env.MSGLINT_PROGRESS;
    }
    expect(tty.writes).toEqual([]);
  });
});
