// A worker thread that reads the second half of a large audience file (see readInTwo in analyze.ts).
import { parentPort, workerData } from 'node:worker_threads';

import { analyzeRange, type RangeJob } from './analyze.js';

const job = workerData as RangeJob;
let last = 0;
const partial = await analyzeRange(job, (bytes) => {
  if (bytes - last < 4 * 1024 * 1024) return;
  last = bytes;
  parentPort!.postMessage({ type: 'progress', bytes });
});
// The arrays go over as they are (views of larger buffers), without a copy.
const transfer = [...new Set([partial.numbers, partial.countries, partial.bestOptIn, partial.latestOptOut, partial.firstRow, partial.lastRow, partial.firstLine].map((a) => a.buffer as ArrayBuffer))];
parentPort!.postMessage({ type: 'done', partial }, transfer);
