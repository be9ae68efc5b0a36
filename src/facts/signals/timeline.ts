// The dated timeline of what Meta said, for the appeal report: warnings, pauses, category changes, quality
// changes, restrictions and status changes, each with its date and the file:line it was read from.

import { formatDay, formatWhen, sourceOf, templateLabel } from './describe.js';
import { readSignalEvents, type SignalEvent } from './events.js';
import { compareObserved, PAUSE_HOURS } from './index.js';
import type { LintDocument } from '../../documents/parse.js';
import type { Workspace } from '../../workspace.js';

export type TimelineKind = 'warning' | 'pause' | 'category-change' | 'quality-change' | 'restriction' | 'status';

export interface TimelineEvent {
  /** ISO 8601, UTC. */
  date: string;
  kind: TimelineKind;
  /** What it is about: "template flash_sale (en_US)", "account 102290129340398", "number 15550783881", "send log". */
  subject: string;
  detail: string;
  /** file:line where the signal was read. */
  source: string;
}

/** Error codes whose first appearance in a send log is a warning worth dating in an appeal (policy-facts §8). */
const WARNING_CODES: Readonly<Record<number, string>> = {
  131048: 'spam rate limit: too many earlier messages were blocked or reported',
  131049: 'per-user marketing limit: recipients get too much marketing',
  131050: 'the recipient stopped marketing messages from this business',
  131064: 'message limit reached because of template classification violations',
  368: 'temporarily blocked for policy violations',
  131031: 'account locked',
};

/**
 * Every dated signal of the run, oldest first (then in file order). Undated values (a template export) are
 * left out: a timeline needs dates. Pure: reads the documents' data and source positions only.
 */
export function buildSignalTimeline(input: Workspace | readonly LintDocument[]): TimelineEvent[] {
  const documents = Array.isArray(input) ? (input as readonly LintDocument[]) : (input as Workspace).documents;
  const events: SignalEvent[] = [];
  let order = 0;
  for (const doc of documents) {
    if (doc.kind !== 'webhook' && doc.kind !== 'send-log') continue;
    const list = readSignalEvents(doc, order);
    order += list.length;
    for (const e of list) events.push(e);
  }
  events.sort(compareObserved);
  const out: TimelineEvent[] = [];
  const firstError = new Set<string>();
  for (const e of events) {
    if (Number.isNaN(e.at)) continue;
    const push = (kind: TimelineKind, subject: string, detail: string) => out.push({ date: new Date(e.at).toISOString(), kind, subject, detail, source: sourceOf(e.origin) });
    switch (e.type) {
      case 'template-status': {
        const subject = `template ${templateLabel(e.name, e.language, e.templateId)}`;
        const category = e.category ? ` as ${e.category}` : '';
        if (e.status === 'PAUSED') {
          const hours = e.title ? PAUSE_HOURS[e.title] : undefined;
          const label = e.title === 'FIRST_PAUSE' ? 'first pause' : e.title === 'SECOND_PAUSE' ? 'second pause' : e.title === 'RATE_LIMITING_PAUSE' ? 'paused for rate limiting' : 'paused';
          push('pause', subject, `paused by Meta (${label}${hours ? `, ${hours} hours` : ''})${e.description ? `: ${e.description}` : hours ? ' after negative feedback' : ''}`);
        } else if (e.status === 'DISABLED') {
          push('pause', subject, `disabled by Meta (paused too often)${e.description ? `: ${e.description}` : ''}`);
        } else if (e.status === 'FLAGGED') {
          push('warning', subject, 'flagged by Meta: negative feedback, at risk of being paused or disabled');
        } else if (e.status === 'REJECTED') {
          const why = e.rejection?.reason ? ` — ${e.rejection.reason}` : '';
          push('status', subject, `rejected${category} (${e.reason ?? 'no reason given'})${why}`);
        } else if (e.status === 'APPROVED' && e.title === 'UNPAUSE') {
          push('status', subject, 'unpaused by Meta');
        } else {
          push('status', subject, `${e.status.toLowerCase().replace(/_/g, ' ')}${category}${e.reason && e.reason !== 'NONE' ? ` (${e.reason})` : ''}`);
        }
        break;
      }
      case 'template-category': {
        const subject = `template ${templateLabel(e.name, e.language, e.templateId)}`;
        if (e.correct && e.correct !== e.current) {
          const when = e.effectiveAt !== undefined ? ` on ${formatDay(e.effectiveAt)}` : ' within 24 hours';
          push('category-change', subject, `Meta announced it moves the template from ${e.current ?? 'its category'} to ${e.correct}${when}`);
        } else {
          push('category-change', subject, `re-categorised by Meta${e.previous ? ` from ${e.previous}` : ''} to ${e.current ?? 'another category'}`);
        }
        break;
      }
      case 'template-quality':
        push('quality-change', `template ${templateLabel(e.name, e.language, e.templateId)}`, `quality ${e.previous ? `${e.previous} → ` : ''}${e.quality}`);
        break;
      case 'account': {
        const subject = `account ${e.wabaId ?? '(unnamed)'}`;
        if (e.event === 'ACCOUNT_VIOLATION') push('warning', subject, `policy violation${e.violationType ? `: ${e.violationType}` : ''}`);
        else if (e.event === 'ACCOUNT_RESTRICTION' || e.restrictions.length > 0) {
          const list = e.restrictions.map((r) => `${r.type}${Number.isNaN(r.expiresAt) ? '' : ` until ${formatWhen(r.expiresAt)}`}`);
          push('restriction', subject, `restricted by Meta${list.length > 0 ? `: ${list.join('; ')}` : ''}`);
        } else if (e.event === 'DISABLED_UPDATE') {
          const state = e.banState === 'REINSTATE' ? 'reinstated' : e.banState === 'SCHEDULE_FOR_DISABLE' ? 'scheduled to be disabled' : e.banState === 'DISABLE' ? 'disabled' : 'disabled status changed';
          push(e.banState === 'REINSTATE' ? 'status' : 'restriction', subject, `account ${state}${e.banDate ? ` (${e.banDate})` : ''}`);
        } else if (e.event === 'ALERT') {
          push('warning', subject, `alert${e.alert?.type ? ` ${e.alert.type}` : ''}${e.alert?.description ? `: ${e.alert.description}` : ''}`);
        }
        break;
      }
      case 'phone-quality': {
        const subject = `number ${e.phone ?? '(unnamed)'}`;
        const limits = e.oldLimit && e.currentLimit ? `messaging limit ${e.oldLimit} → ${e.currentLimit}` : e.currentLimit ? `messaging limit ${e.currentLimit}` : '';
        if (e.event === 'FLAGGED') push('warning', subject, `number flagged for low quality${limits ? `; ${limits}` : ''}`);
        else if (e.event === 'DOWNGRADE' || e.event === 'UPGRADE' || e.event === 'UNFLAGGED') push('quality-change', subject, `${e.event.toLowerCase()}${limits ? `: ${limits}` : ''}`);
        else push('status', subject, `${e.event.toLowerCase().replace(/_/g, ' ')}${limits ? `: ${limits}` : ''}`);
        break;
      }
      case 'message-status': {
        for (const err of e.errors) {
          const meaning = WARNING_CODES[err.code];
          const key = `${e.origin.doc.source.absPath}|${err.code}`;
          if (!meaning || firstError.has(key)) continue;
          firstError.add(key);
          push('warning', `send log ${e.origin.doc.source.relPath}`, `first failure with error ${err.code} (${meaning}); msglint explain ${err.code}`);
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}
