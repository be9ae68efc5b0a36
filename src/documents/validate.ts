// Schema validation of msglint's input documents (ajv, draft-07), with messages a marketer can act on.
//
// The schemas live in `schemas/` at the package root (shipped for editors too). They avoid anyOf/oneOf and
// discriminate with if/then instead, so ajv reports the real problem rather than one error per alternative;
// the alternatives that remain (from user-edited schemas, say) are still collapsed below.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';

import { SCHEMA_KINDS, URI_FORMAT, exportNameOf, schemaIdOf, type SchemaKind } from './schema-kinds.js';

export type { SchemaKind };

export interface SchemaProblem {
  /** JSON pointer of the offending value, relative to the document (for a missing key: the object that lacks it). */
  path: string;
  /** True when the problem is the key itself (an unknown or misspelled key), not its value. */
  atKey: boolean;
  message: string;
  severity: 'error' | 'warning';
}

const schemaId = schemaIdOf;

/** Documents whose unknown top-level keys are only warned about: Meta adds fields, users add notes. */
const LENIENT_ROOTS = new Set<string>(['template', 'campaign', 'account'].map((k) => schemaId(k as SchemaKind)));

let packageRoot: string | undefined;

function findPackageRoot(): string {
  if (packageRoot !== undefined) return packageRoot;
  // Compiled to dist/documents/validate.js, run from src/documents/validate.ts by vitest: walk up either way.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return (packageRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`msglint: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Absolute path of the JSON Schema file for a document kind. */
export function schemaPath(kind: SchemaKind): string {
  return join(findPackageRoot(), 'schemas', `${kind}.schema.json`);
}

let ajv: Ajv | undefined;
const validators = new Map<SchemaKind, ValidateFunction>();

/** The ajv compiler, loaded only without the validators precompiled at build (tests on the sources). */
function getAjv(): Ajv {
  if (ajv) return ajv;
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  // verbose: errors carry the failing value and the schema that failed, which the messages need.
  const instance = new AjvClass({ allErrors: true, strict: false, verbose: true });
  instance.addFormat('uri', URI_FORMAT);
  // All schemas are registered (not compiled) up front: campaign and config refer to the account schema.
  for (const kind of SCHEMA_KINDS) {
    instance.addSchema(JSON.parse(readFileSync(schemaPath(kind), 'utf8')) as AnySchemaObject);
  }
  return (ajv = instance);
}

let precompiled: Record<string, ValidateFunction> | null | undefined;

/** The validators compiled at build time (dist/documents/schema-validators.cjs), or null when running from src/. */
function loadPrecompiled(): Record<string, ValidateFunction> | null {
  if (precompiled !== undefined) return precompiled;
  const file = join(dirname(fileURLToPath(import.meta.url)), 'schema-validators.cjs');
  precompiled = existsSync(file) ? (createRequire(import.meta.url)(file) as Record<string, ValidateFunction>) : null;
  return precompiled;
}

function validatorFor(kind: SchemaKind): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = loadPrecompiled()?.[exportNameOf(kind)] ?? getAjv().getSchema(schemaId(kind));
    if (!validate) throw new Error(`msglint: schema ${schemaId(kind)} is missing`);
    validators.set(kind, validate);
  }
  return validate;
}

/** Validates one parsed document; returns [] when it matches its schema. */
export function validateAgainstSchema(kind: SchemaKind, data: unknown): SchemaProblem[] {
  const validate = validatorFor(kind);
  if (validate(data)) return [];
  const errors = collapseAlternatives((validate.errors ?? []).filter((e) => e.keyword !== 'if'));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const problem = toProblem(kind, error);
    const key = `${problem.path}\u0000${problem.atKey}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// anyOf / oneOf: ajv reports every failed alternative, then the anyOf itself. Keep one sensible message.

function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      out.push(error);
      continue;
    }
    if (error.keyword === 'oneOf' && (error.params as { passingSchemas?: unknown }).passingSchemas) {
      out.push(error); // matched several alternatives: a genuine, single problem
      continue;
    }
    // The alternatives' errors are the run just before this one: same value or below it, and either inside
    // this keyword's schema or inside a $ref it followed (ajv reports those at the referenced schema's path).
    const keywordPath = error.schemaPath;
    const ownerPath = keywordPath.slice(0, keywordPath.lastIndexOf('/') + 1);
    const branch: ErrorObject[] = [];
    while (out.length > 0) {
      const previous = out[out.length - 1]!;
      const below = previous.instancePath === error.instancePath || previous.instancePath.startsWith(`${error.instancePath}/`);
      const inside = previous.schemaPath.startsWith(`${keywordPath}/`) || !previous.schemaPath.startsWith(ownerPath);
      if (!below || !inside) break;
      branch.unshift(out.pop()!);
    }
    out.push(...pickAlternative(error, branch));
  }
  return out;
}

function pickAlternative(error: ErrorObject, branch: ErrorObject[]): ErrorObject[] {
  if (branch.length === 0) return [error];
  const here = (e: ErrorObject): boolean => e.instancePath === error.instancePath;
  if (branch.every((e) => e.keyword === 'type' && here(e))) {
    // No alternative had the right type: one message naming all the accepted types.
    const types = branch.flatMap((e) => typeList((e.params as { type?: unknown }).type));
    return [{ ...branch[0]!, params: { type: [...new Set(types)] } }];
  }
  // Alternatives of the wrong type are not what the user meant; report the one that got deepest.
  const relevant = branch.filter((e) => !(e.keyword === 'type' && here(e)));
  const depth = (e: ErrorObject): number => (e.instancePath === '' ? 0 : e.instancePath.split('/').length - 1);
  const deepest = Math.max(...relevant.map(depth));
  return relevant.filter((e) => depth(e) === deepest);
}

// ---------------------------------------------------------------------------------------------------------
// Messages

function toProblem(kind: SchemaKind, error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as AnySchemaObject;
  const what = label(error.instancePath);
  const found = describeValue(error.data);
  let path = error.instancePath;
  let atKey = false;
  let severity: SchemaProblem['severity'] = 'error';
  let message: string;

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      path = `${error.instancePath}/${escapePointer(key)}`;
      atKey = true;
      const known = Object.keys((parent.properties ?? {}) as Record<string, unknown>);
      const guess = closest(key, known);
      message = `unknown key "${key}"${guess ? ` — did you mean "${guess}"?` : ''}`;
      const lenient = error.instancePath === '' ? LENIENT_ROOTS.has(schemaId(kind)) : LENIENT_ROOTS.has(String(parent.$id));
      if (lenient) severity = 'warning';
      break;
    }
    case 'required': {
      const missing = String(params.missingProperty);
      message = `"${missing}" is required${error.instancePath === '' ? '' : ` in ${what}`}`;
      break;
    }
    case 'dependencies':
    case 'dependentRequired':
      message = `"${String(params.missingProperty)}" is required when "${String(params.property)}" is set${error.instancePath === '' ? '' : ` in ${what}`}`;
      break;
    case 'type': {
      const expected = typeList(params.type);
      if (expected.length === 1 && expected[0] === 'integer' && typeof error.data === 'number') {
        message = `${what} must be a whole number (found ${found})`;
      } else {
        const names = expected.map((t) => (t === 'boolean' && expected.length > 1 ? 'a true/false value' : (TYPE_NAMES[t] ?? t)));
        message = `${what} must be ${joinOr(names)}, not ${kindOfValue(error.data)}`;
      }
      break;
    }
    case 'enum':
      message = oneOf(what, (params.allowedValues as unknown[]) ?? [], error.data);
      break;
    case 'const':
      message = `${what} must be ${JSON.stringify(params.allowedValue)} (found ${found})`;
      break;
    case 'pattern':
    case 'format': {
      const explanation = parent['x-message'];
      const choices = parent.examples;
      if (typeof explanation === 'string') message = `${what} must be ${explanation} (found ${found})`;
      else if (error.keyword === 'pattern' && Array.isArray(choices)) message = oneOf(what, choices as unknown[], error.data);
      else if (error.keyword === 'format') message = `${what} must be a valid ${String(params.format)} (found ${found})`;
      else message = `${what} is not in the expected form (found ${found})`;
      break;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[error.keyword];
      message = `${what} must be ${bound} ${String(params.limit)} (found ${found})`;
      break;
    }
    case 'multipleOf':
      message = `${what} must be a multiple of ${String(params.multipleOf)} (found ${found})`;
      break;
    case 'minLength':
      message = params.limit === 1 ? `${what} must not be empty` : `${what} must be at least ${String(params.limit)} characters long`;
      break;
    case 'maxLength':
      message = `${what} must be at most ${String(params.limit)} characters long`;
      break;
    case 'minItems':
      message = params.limit === 1 ? `${what} must not be empty` : `${what} must have at least ${String(params.limit)} items`;
      break;
    case 'maxItems':
      message = `${what} must have at most ${String(params.limit)} items`;
      break;
    case 'minProperties':
      message = `${what} must not be empty`;
      break;
    case 'maxProperties':
      message = `${what} must have at most ${String(params.limit)} keys`;
      break;
    case 'uniqueItems':
      message = `${what} must not list the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1})`;
      break;
    case 'propertyNames':
      path = `${error.instancePath}/${escapePointer(String(params.propertyName))}`;
      atKey = true;
      message = `key "${String(params.propertyName)}" is not allowed here`;
      break;
    case 'not':
    case 'false schema':
      message = `${what} is not allowed here`;
      break;
    case 'anyOf':
    case 'oneOf':
      message = params.passingSchemas ? `${what} matches more than one allowed form; make it unambiguous` : `${what} is not in any of the allowed forms`;
      break;
    default:
      message = `${what} ${error.message ?? 'is not valid'}`;
  }
  return { path, atKey, message, severity };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object (key: value pairs)',
  null: 'empty',
};

function typeList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',') : [];
}

function kindOfValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return `${String(value)} (a true/false value)`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kindOfValue(value);
}

function oneOf(what: string, choices: readonly unknown[], value: unknown): string {
  const names = choices.map((c) => (typeof c === 'string' ? c : JSON.stringify(c)));
  const head = names.length === 1 ? `${what} must be ${names[0]}` : `${what} must be one of ${joinOr(names)}`;
  const guess = typeof value === 'string' ? closest(value, names) : undefined;
  return `${head} (found ${describeValue(value)})${guess ? ` — did you mean "${guess}"?` : ''}`;
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** How a marketer would name the value at a pointer: the key as written, or "item 2 of "buttons"". */
function label(pointer: string): string {
  if (pointer === '') return 'the document';
  const cut = pointer.lastIndexOf('/');
  const last = unescapePointer(pointer.slice(cut + 1));
  if (/^(?:0|[1-9]\d*)$/.test(last)) return `item ${Number(last) + 1} of ${label(pointer.slice(0, cut))}`;
  return `"${last}"`;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

// ---------------------------------------------------------------------------------------------------------
// "Did you mean": the candidate with the smallest edit distance, ignoring case, "_" and "-".

function closest(word: string, candidates: readonly string[]): string | undefined {
  const normalize = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '');
  const target = normalize(word);
  if (target === '') return undefined;
  const allowed = target.length <= 4 ? 1 : target.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const normalized = normalize(candidate);
    // An abbreviation ("warn", "desc") counts as one edit away from what it abbreviates.
    const distance = target.length >= 3 && normalized.startsWith(target) ? 1 : editDistance(target, normalized, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (a swap of neighbours counts once); stops early above `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}
