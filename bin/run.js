#!/usr/bin/env node
// Thin launcher: oclif parses argv and loads only the command that runs.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
