// Shared by validate.ts and scripts/build-validators.mjs (which precompiles the schemas at build time).

export type SchemaKind = 'template' | 'campaign' | 'account' | 'config' | 'rule-pack' | 'webhook';

export const SCHEMA_KINDS: readonly SchemaKind[] = ['template', 'campaign', 'account', 'config', 'rule-pack', 'webhook'];

/** The schema a document kind is validated against (a send log is a log of webhooks); undefined: none. */
export function schemaKindOf(kind: string): SchemaKind | undefined {
  if (kind === 'send-log') return 'webhook';
  return (SCHEMA_KINDS as readonly string[]).includes(kind) ? (kind as SchemaKind) : undefined;
}
export const SCHEMA_BASE = 'https://msglint.dev/schemas/';
export const schemaIdOf = (kind: SchemaKind): string => `${SCHEMA_BASE}${kind}.schema.json`;
/** Identifier of a kind's validator in the precompiled module. */
export const exportNameOf = (kind: SchemaKind): string => kind.replace(/-/g, '_');
/** `format: uri` as msglint checks it: a scheme and no spaces. */
export const URI_FORMAT = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
