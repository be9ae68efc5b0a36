/**
 * Meta's messaging limit: unique users a business portfolio may reach outside customer-service windows in a
 * moving 24 hours. Current ladder (since 7 October 2025, per portfolio): TIER_250 → TIER_2K → TIER_10K →
 * TIER_100K → TIER_UNLIMITED. Older exports show TIER_50 and TIER_1K (the per-number ladder); they are read as
 * the limits they were.
 * Source: https://developers.facebook.com/documentation/business-messaging/whatsapp/messaging-limits [May 8 2026]
 */

export interface MessagingLimit {
  /** Canonical tier name, e.g. TIER_10K. */
  tier: string;
  /** Unique users per 24 h; Infinity for TIER_UNLIMITED. */
  limit: number;
  legacy: boolean;
  /** The next tier up on the current ladder, or '' at the top. */
  nextTier: string;
}

export const TIER_LADDER: readonly { tier: string; limit: number }[] = [
  { tier: 'TIER_250', limit: 250 },
  { tier: 'TIER_2K', limit: 2_000 },
  { tier: 'TIER_10K', limit: 10_000 },
  { tier: 'TIER_100K', limit: 100_000 },
  { tier: 'TIER_UNLIMITED', limit: Infinity },
];

const LEGACY: readonly { tier: string; limit: number }[] = [
  { tier: 'TIER_50', limit: 50 },
  { tier: 'TIER_1K', limit: 1_000 },
];

function withNext(tier: string, limit: number, legacy: boolean): MessagingLimit {
  const next = TIER_LADDER.find((t) => t.limit > limit);
  return { tier, limit, legacy, nextTier: next ? next.tier : '' };
}

/** Reads an account's `messagingLimit`: a tier name in any case ("tier_2k"), or a plain number of users. */
export function parseMessagingLimit(value: unknown): MessagingLimit | { problem: string } {
  if (value === undefined || value === null || value === '') return { problem: 'the account has no messagingLimit' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return { problem: `messagingLimit ${value} is not a number of users` };
    const known = [...TIER_LADDER, ...LEGACY].find((t) => t.limit === value);
    return withNext(known?.tier ?? String(value), value, known !== undefined && LEGACY.includes(known));
  }
  if (typeof value !== 'string') return { problem: 'messagingLimit is not a tier name' };
  const raw = value.trim().toUpperCase().replace(/[\s-]+/g, '_');
  const name = raw.startsWith('TIER_') ? raw : `TIER_${raw}`;
  const expanded = name.replace(/^TIER_(\d+)000$/, 'TIER_$1K');
  const current = TIER_LADDER.find((t) => t.tier === expanded);
  if (current) return withNext(current.tier, current.limit, false);
  const legacy = LEGACY.find((t) => t.tier === expanded);
  if (legacy) return withNext(legacy.tier, legacy.limit, true);
  return { problem: `messagingLimit "${value}" is not one of ${[...TIER_LADDER, ...LEGACY].map((t) => t.tier).join(', ')}` };
}

/** How to get `recipients` unique users through at `limit` per 24 h: batches of at most `limit`, 24 h apart. */
export function sendingPlan(recipients: number, limit: number): { batches: number; days: number; perBatch: number } {
  if (!Number.isFinite(limit) || limit <= 0 || recipients <= limit) return { batches: 1, days: 1, perBatch: recipients };
  const batches = Math.ceil(recipients / limit);
  return { batches, days: batches, perBatch: Math.ceil(recipients / batches) };
}
