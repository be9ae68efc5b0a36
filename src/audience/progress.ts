/**
 * A progress bar for reading a large file: on stderr only, and only when stderr is a terminal (never on stdout,
 * never in a pipe, a CI log or a test). `MSGLINT_PROGRESS=0` turns it off on a terminal too.
 */

export interface Progress {
  update(done: number): void;
  done(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Where to draw; default process.stderr. */
  stream?: NodeJS.WriteStream | { isTTY?: boolean; columns?: number; write(text: string): boolean };
  /** Clock for throttling (tests inject one). */
  now?: () => number;
}

const NOOP: Progress = { update: () => undefined, done: () => undefined };
const FRAME_MS = 100;

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY || process.env.MSGLINT_PROGRESS === '0' || options.total <= 0) return NOOP;
  const clock = options.now ?? (() => performance.now());
  let started = NaN;
  let last = -Infinity;
  let drawn = false;
  const label = options.label.length > 40 ? `…${options.label.slice(-39)}` : options.label;
  const draw = (done: number): void => {
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - label.length - 40));
    const share = Math.min(1, done / options.total);
    const filled = Math.round(share * width);
    const seconds = (clock() - started) / 1000;
    const mb = (n: number) => (n / 1048576).toFixed(0);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${mb(done)}/${mb(options.total)} MB ${seconds.toFixed(1)} s`);
    drawn = true;
  };
  return {
    update(done) {
      const t = clock();
      if (Number.isNaN(started)) started = t;
      if (t - last < FRAME_MS) return;
      last = t;
      draw(done);
    },
    done() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}
