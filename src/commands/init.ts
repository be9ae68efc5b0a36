import { existsSync } from 'node:fs';
import path from 'node:path';

import * as Flags from '@oclif/core/flags';

import { MsglintCommand, UserFacingError, writeAtomic } from '../cli/base.js';

/** Every setting, explained; the active ones are the defaults, so the file changes nothing until edited. */
export const STARTER_CONFIG = `# yaml-language-server: $schema=https://msglint.dev/schemas/config.schema.json
# msglint configuration. msglint finds this file by walking up from the folder it runs in.
# Paths and globs below are relative to this file's folder.
# Docs: https://github.com/msglint/msglint#pull-request-checks  Rules: https://github.com/msglint/msglint/blob/main/docs/rules.md

# Rule packs. "recommended" is every built-in pack (input, format, category, phrasing, content,
# opt-in, velocity); name single packs to narrow it, or add your own pack or a shared config by path.
extends:
  - recommended
  # - ./msglint/our-house-rules.yaml

# What "msglint lint" checks when no paths are given (default: the current folder).
# files:
#   - "templates/**/*.{yaml,yml,json}"
#   - "campaigns/**/*.{yaml,yml}"

# Never linted. A glob without "/" matches the file name in any folder.
ignores:
  - "**/node_modules/**"
  # - "templates/drafts/**"
  # - "*.draft.yaml"

# Severity per rule id: off, info, warning or error ("msglint rules list" shows the ids).
rules: {}
#   phrasing/shouting: warning
#   format/emoji-count: off

# Settings for some files only; a later block wins over an earlier one and over "rules".
overrides: []
#   - files: ["templates/transactional/**"]
#     rules:
#       category/otp-outside-authentication: error

# Default account for campaigns that do not name one: a path to an account document, or the account inline.
# account: ./accounts/acme.yaml

# Numbers rules compare against.
# thresholds:
#   staleConsentDays: 365
#   maxEmoji: 10

# Lowest severity that makes "msglint lint" exit 1: error, warning or never.
failOn: error
`;

export default class Init extends MsglintCommand {
  static override summary = 'Write a starter msglint.config.yaml, with every setting explained';
  static override description = 'Writes msglint.config.yaml in the current folder (or --output). It refuses to replace an existing file unless --force is given.';
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init --force'];
  static override flags = {
    force: Flags.boolean({ description: 'replace an existing config file' }),
    output: Flags.string({ char: 'o', description: 'where to write the config', default: 'msglint.config.yaml' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Init);
    const target = path.resolve(process.cwd(), flags.output);
    if (existsSync(target) && !flags.force) {
      throw new UserFacingError(`${flags.output} already exists; use --force to replace it`);
    }
    writeAtomic(target, STARTER_CONFIG);
    process.stderr.write(`msglint: wrote ${flags.output}; "msglint lint" now uses it\n`);
  }
}
