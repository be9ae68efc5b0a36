import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import * as Errors from '@oclif/core/errors';
import * as Flags from '@oclif/core/flags';
import { Command } from '@oclif/core/command';

/** Flags shared by the commands that read documents. */
export const commonFlags = {
  config: Flags.string({ char: 'c', description: 'path to msglint.config.yaml (default: found by walking up from the working directory)' }),
  pack: Flags.string({ char: 'p', description: 'rule pack to use: a built-in name or a YAML file (repeatable)', multiple: true }),
  output: Flags.string({ char: 'o', description: 'write the report to this file (atomically) instead of stdout' }),
  'no-color': Flags.boolean({ description: 'no colours in the output' }),
  debug: Flags.boolean({ description: 'show stack traces for internal errors', hidden: false }),
};

/** `--now`: the moment time-dependent checks (sending windows, signal ages, consent age) are made at. */
export const nowFlag = Flags.string({ description: 'check as of this moment (ISO 8601, e.g. 2026-11-28T09:00:00Z) instead of the clock, for reproducible reports' });

/** The `--now` value as a date; a value that is not one is a usage error (exit 2). */
export function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const now = new Date(value);
  if (Number.isNaN(now.getTime())) throw new UserFacingError(`--now ${value} is not a date (use ISO 8601, e.g. 2026-11-28T09:00:00Z)`);
  return now;
}

/** A mistake in how msglint was called, a config or a pack: exit 2 with a one-line message. */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export abstract class MsglintCommand extends Command {
  protected debugMode = process.argv.includes('--debug');

  /** Results go to stdout (or --output), nothing else ever does. */
  protected emit(text: string, output?: string): void {
    if (output) writeAtomic(path.resolve(process.cwd(), output), text);
    else process.stdout.write(text);
  }

  protected useColor(noColorFlag: boolean | undefined, output?: string): boolean {
    if (noColorFlag || output || 'NO_COLOR' in process.env) return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
    return process.stdout.isTTY === true;
  }

  protected override async catch(err: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // Let oclif handle its own exits and flag errors (they already exit 2 with a clear message).
    if (err instanceof Errors.ExitError) throw err;
    if (err instanceof Errors.CLIError && !(err instanceof UserFacingError)) {
      process.stderr.write(`msglint: ${err.message}\n`);
      process.exitCode = err.oclif?.exit ?? 2;
      return;
    }
    const known = ['UserFacingError', 'UsageError', 'PackError', 'ConfigError'].includes(err.constructor.name);
    if (known) {
      const where = (err as { location?: string }).location;
      process.stderr.write(`msglint: ${where ? `${where}: ` : ''}${err.message}\n`);
      process.exitCode = err.exitCode && err.exitCode !== 1 ? err.exitCode : 2;
      return;
    }
    process.stderr.write(`msglint: internal error: ${err.message}\n`);
    if (this.debugMode) process.stderr.write(`${err.stack ?? ''}\n`);
    else process.stderr.write('(run with --debug for details, and please report it)\n');
    process.exitCode = 2;
  }
}

/** Writes a file so that readers never see half of it: a temporary file in the same folder, then a rename. */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
