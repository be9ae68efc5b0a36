// Loaded with `node --import` in front of the built CLI by the hostile-input tests: on exit, writes the
// process's peak resident set size (KB) and CPU time (ms), worker threads included, to
// $MSGLINT_TEST_RSS_FILE as JSON. It touches nothing else, so the CLI runs exactly as a user runs it.
import { writeFileSync } from 'node:fs';

const out = process.env.MSGLINT_TEST_RSS_FILE;
if (out) {
  process.on('exit', () => {
    try {
      const cpu = process.cpuUsage();
      writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }));
    } catch {
      // The test reports a missing measurement; never disturb the CLI's own exit.
    }
  });
}
