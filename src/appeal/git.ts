import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A git revision could not be read: exit 2 with the reason. */
export class GitError extends Error {}

function git(args: string[], cwd: string, maxBuffer = 256 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'buffer', maxBuffer }, (error, stdout, stderr) => {
      if (error) reject(new GitError(stderr.toString('utf8').trim().split('\n')[0] || error.message));
      else resolve(stdout);
    });
  });
}

export interface Revision {
  /** What the user wrote (`HEAD~1`, a tag). */
  spec: string;
  commit: string;
  /** Subject and date of the commit, for the report. */
  subject: string;
  date: string;
  repoRoot: string;
}

export async function resolveRevision(spec: string, cwd: string): Promise<Revision> {
  let repoRoot: string;
  try {
    repoRoot = (await git(['rev-parse', '--show-toplevel'], cwd)).toString('utf8').trim();
  } catch {
    throw new GitError(`--before ${spec}: not a file, and ${cwd} is not inside a git repository`);
  }
  let commit: string;
  try {
    commit = (await git(['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], cwd)).toString('utf8').trim();
  } catch {
    throw new GitError(`--before ${spec}: no such file, and no such git revision`);
  }
  const [subject, date] = (await git(['show', '-s', '--format=%s%x00%cI', commit], cwd)).toString('utf8').trim().split('\u0000');
  return { spec, commit, subject, date, repoRoot };
}

/**
 * Writes the whole tree of a revision into a temporary folder (git archive | tar), so that the files are
 * linted exactly as they were, with their relative links (accounts, audience files) intact.
 */
export async function checkoutRevision(rev: Revision): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'msglint-before-'));
  const tar = await git(['archive', '--format=tar', rev.commit], rev.repoRoot);
  await new Promise<void>((resolve, reject) => {
    const child = execFile('tar', ['-x', '-f', '-', '-C', dir], (error) => (error ? reject(new GitError(`cannot unpack ${rev.spec}: ${error.message}`)) : resolve()));
    child.stdin?.end(tar);
  });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
