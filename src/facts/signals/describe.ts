// Plain-language pieces shared by the signal facts and the timeline: dates, sources, template labels.

import type { EventOrigin } from './events.js';
import { locate } from '../../documents/locate.js';

/** 2026-11-19 14:05 UTC, or "undated" (an export carries no date). */
export function formatWhen(ms: number): string {
  if (!Number.isFinite(ms)) return 'undated';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** 2026-11-19 */
export function formatDay(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : 'undated';
}

/** `file:line` of where a signal was read (documents from other threads are re-parsed for it, see src/parallel/stubs.ts). */
export function sourceOf(origin: EventOrigin): string {
  const { doc, pointer } = origin;
  if (!doc.yaml) return doc.source.relPath;
  return `${doc.source.relPath}:${locate(doc, pointer).line}`;
}

export function templateLabel(name: string | undefined, language: string | undefined, id?: string): string {
  if (!name) return id ? `template ${id}` : 'a template';
  return language ? `${name} (${language})` : name;
}

/** "3 hours" / "1 day" / "12 days". */
export function formatDuration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(ms / 86_400_000);
  return `${days} day${days === 1 ? '' : 's'}`;
}
