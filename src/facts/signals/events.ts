// Meta's signals, read out of webhook payloads and message statuses into typed, dated events.
//
// Payload shapes follow Meta's webhook reference (message_template_status_update, template_category_update,
// message_template_quality_update, account_update, account_alerts, phone_number_quality_update,
// user_preferences, messages). Meta adds fields often: unknown fields are ignored, missing ones are left
// undefined, and a value of the wrong type is treated as absent (the schema reports it).

import { isRecord, looksLikeMessageStatus, looksLikeWebhookPayload } from '../../documents/kinds.js';
import type { LintDocument } from '../../documents/parse.js';
import { normalizeLanguage } from '../template/languages.js';
import { replyKeyword } from './words.js';

/** Where an event was read: the document and the JSON pointer of the object it came from. */
export interface EventOrigin {
  doc: LintDocument;
  pointer: string;
  /** Position of the event in the run (document order, then position in the document): breaks ties between equal times. */
  order: number;
}

interface EventBase {
  /** When it happened (ms since the epoch); NaN when the payload carries no time. */
  at: number;
  origin: EventOrigin;
  /** The WhatsApp Business Account (entry.id), when the payload names it. */
  wabaId?: string;
}

/** How a template is named in a signal: its id, and/or its name and language. */
export interface TemplateRef {
  templateId?: string;
  name?: string;
  /** Normalized to Meta's form (en_US, pt_BR). */
  language?: string;
}

export interface TemplateStatusEvent extends EventBase, TemplateRef {
  type: 'template-status';
  /** APPROVED, REJECTED, PAUSED, DISABLED, FLAGGED, REINSTATED, … (upper case). */
  status: string;
  /** ABUSIVE_CONTENT, INCORRECT_CATEGORY, INVALID_FORMAT, PROMOTIONAL, SCAM, TAG_CONTENT_MISMATCH, NONE. */
  reason?: string;
  category?: string;
  /** other_info.title: FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE, UNPAUSE, DISABLED. */
  title?: string;
  description?: string;
  /** rejection_info: Meta's explanation and recommendation (INVALID_FORMAT rejections). */
  rejection?: { reason?: string; recommendation?: string };
}

export interface TemplateCategoryEvent extends EventBase, TemplateRef {
  type: 'template-category';
  previous?: string;
  /** new_category: the category now (for an impending change, the current one). */
  current?: string;
  /** correct_category: the category Meta will move the template to (impending change). */
  correct?: string;
  /** category_update_timestamp: when the impending change takes effect (ms). */
  effectiveAt?: number;
}

export interface TemplateQualityEvent extends EventBase, TemplateRef {
  type: 'template-quality';
  previous?: string;
  /** GREEN, YELLOW, RED or UNKNOWN. */
  quality: string;
}

export interface AccountEvent extends EventBase {
  type: 'account';
  /** account_update event (ACCOUNT_VIOLATION, ACCOUNT_RESTRICTION, DISABLED_UPDATE, …) or ALERT for account_alerts. */
  event: string;
  violationType?: string;
  restrictions: { type: string; expiresAt: number; pointer: string }[];
  banState?: string;
  banDate?: string;
  alert?: { type?: string; severity?: string; description?: string };
}

export interface PhoneQualityEvent extends EventBase {
  type: 'phone-quality';
  phone?: string;
  /** FLAGGED, UNFLAGGED, UPGRADE, DOWNGRADE, ONBOARDING, THROUGHPUT_UPGRADE, … */
  event: string;
  currentLimit?: string;
  oldLimit?: string;
}

export interface PreferenceEvent extends EventBase {
  type: 'user-preference';
  /** The user's number as digits (wa_id), or the wa_id as given when it is not a number. */
  user: string;
  /** stop, resume, signup (lower case). */
  value: string;
  category?: string;
}

export interface ReplyEvent extends EventBase {
  type: 'reply';
  user: string;
  /** A bare STOP-like or START-like reply. */
  keyword: 'stop' | 'start';
  text: string;
}

export interface MessageStatusEvent extends EventBase {
  type: 'message-status';
  messageId?: string;
  recipient?: string;
  status: string;
  errors: { code: number; title?: string; pointer: string }[];
}

export type SignalEvent = TemplateStatusEvent | TemplateCategoryEvent | TemplateQualityEvent | AccountEvent | PhoneQualityEvent | PreferenceEvent | ReplyEvent | MessageStatusEvent;

/** The payloads of a webhook or send-log document, with their pointers: one, or a log's records. */
export function signalRecords(doc: Pick<LintDocument, 'data' | 'kind'>): { value: Record<string, unknown>; pointer: string }[] {
  const data = doc.data;
  if (Array.isArray(data.records) && !Object.hasOwn(data, 'entry') && !Object.hasOwn(data, 'status')) {
    const out: { value: Record<string, unknown>; pointer: string }[] = [];
    data.records.forEach((r, i) => {
      if (isRecord(r)) out.push({ value: r, pointer: `/records/${i}` });
    });
    return out;
  }
  return [{ value: data, pointer: '' }];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const upper = (v: unknown): string | undefined => str(v)?.toUpperCase();

/** Seconds or milliseconds since the epoch (number or digits), or an ISO date; NaN when absent or unreadable. */
export function toMillis(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v > 1e11 ? v : v * 1000;
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^\d{9,13}$/.test(t)) return toMillis(Number(t));
    if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
      const ms = Date.parse(t);
      return Number.isNaN(ms) ? NaN : ms;
    }
  }
  return NaN;
}

/** A WhatsApp id as digits when it is a phone number (wa_id, recipient_id, from); else as given. */
export function userKey(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const digits = s.replace(/[\s+\-().]/g, '');
  return /^\d{7,15}$/.test(digits) ? digits : s;
}

function templateRef(value: Record<string, unknown>): TemplateRef {
  const language = str(value.message_template_language);
  return {
    templateId: str(value.message_template_id),
    name: str(value.message_template_name),
    language: language ? (normalizeLanguage(language) ?? language) : undefined,
  };
}

/**
 * Every event in a webhook or send-log document, in document order. `order` numbers continue from
 * `firstOrder` so that events of several documents can be sorted stably.
 */
export function readSignalEvents(doc: LintDocument, firstOrder = 0): SignalEvent[] {
  const events: SignalEvent[] = [];
  let order = firstOrder;
  const origin = (pointer: string): EventOrigin => ({ doc, pointer, order: order++ });
  for (const record of signalRecords(doc)) {
    if (looksLikeMessageStatus(record.value)) {
      events.push(statusEvent(record.value, record.pointer, origin, undefined));
      continue;
    }
    if (!looksLikeWebhookPayload(record.value)) continue;
    (record.value.entry as unknown[]).forEach((entry, ei) => {
      if (!isRecord(entry) || !Array.isArray(entry.changes)) return;
      const wabaId = str(entry.id);
      const entryTime = toMillis(entry.time);
      entry.changes.forEach((change, ci) => {
        if (!isRecord(change) || !isRecord(change.value)) return;
        const pointer = `${record.pointer}/entry/${ei}/changes/${ci}/value`;
        readChange(String(change.field ?? ''), change.value, pointer, entryTime, wabaId, origin, events);
      });
    });
  }
  return events;
}

function readChange(field: string, value: Record<string, unknown>, pointer: string, at: number, wabaId: string | undefined, origin: (p: string) => EventOrigin, out: SignalEvent[]): void {
  switch (field) {
    case 'message_template_status_update': {
      const status = upper(value.event);
      if (!status) return;
      const other = isRecord(value.other_info) ? value.other_info : {};
      const rejection = isRecord(value.rejection_info) ? { reason: str(value.rejection_info.reason), recommendation: str(value.rejection_info.recommendation) } : undefined;
      const disabledAt = isRecord(value.disable_info) ? toMillis(value.disable_info.disable_date) : NaN;
      out.push({
        type: 'template-status',
        at: Number.isNaN(at) ? disabledAt : at,
        origin: origin(pointer),
        wabaId,
        ...templateRef(value),
        status,
        reason: upper(value.reason),
        category: upper(value.message_template_category),
        title: upper(other.title),
        description: str(other.description),
        rejection,
      });
      return;
    }
    case 'template_category_update': {
      const effectiveAt = toMillis(value.category_update_timestamp);
      out.push({
        type: 'template-category',
        at,
        origin: origin(pointer),
        wabaId,
        ...templateRef(value),
        previous: upper(value.previous_category),
        current: upper(value.new_category),
        correct: upper(value.correct_category),
        effectiveAt: Number.isNaN(effectiveAt) ? undefined : effectiveAt,
      });
      return;
    }
    case 'message_template_quality_update': {
      const quality = upper(value.new_quality_score);
      if (!quality) return;
      out.push({ type: 'template-quality', at, origin: origin(pointer), wabaId, ...templateRef(value), previous: upper(value.previous_quality_score), quality });
      return;
    }
    case 'account_update': {
      const event = upper(value.event) ?? 'UPDATE';
      const restrictions: AccountEvent['restrictions'] = [];
      if (Array.isArray(value.restriction_info)) {
        value.restriction_info.forEach((r, i) => {
          const type = isRecord(r) ? upper(r.restriction_type) : undefined;
          if (isRecord(r) && type) restrictions.push({ type, expiresAt: toMillis(r.expiration), pointer: `${pointer}/restriction_info/${i}/restriction_type` });
        });
      }
      const violation = isRecord(value.violation_info) ? upper(value.violation_info.violation_type) : undefined;
      const ban = isRecord(value.ban_info) ? value.ban_info : {};
      out.push({ type: 'account', at, origin: origin(pointer), wabaId, event, violationType: violation, restrictions, banState: upper(ban.waba_ban_state), banDate: str(ban.waba_ban_date) });
      return;
    }
    case 'account_alerts': {
      const info = isRecord(value.alert_info) ? value.alert_info : {};
      out.push({
        type: 'account',
        at,
        origin: origin(pointer),
        wabaId,
        event: 'ALERT',
        restrictions: [],
        alert: { type: upper(info.alert_type), severity: upper(info.alert_severity), description: str(info.alert_description) },
      });
      return;
    }
    case 'phone_number_quality_update': {
      const event = upper(value.event);
      if (!event) return;
      out.push({
        type: 'phone-quality',
        at,
        origin: origin(pointer),
        wabaId,
        phone: str(value.display_phone_number),
        event,
        currentLimit: upper(value.max_daily_conversations_per_business) ?? upper(value.current_limit),
        oldLimit: upper(value.old_limit),
      });
      return;
    }
    case 'user_preferences': {
      if (!Array.isArray(value.user_preferences)) return;
      value.user_preferences.forEach((p, i) => {
        if (!isRecord(p)) return;
        const user = userKey(p.wa_id);
        const pref = str(p.value)?.toLowerCase();
        if (!user || !pref) return;
        const when = toMillis(p.timestamp);
        out.push({ type: 'user-preference', at: Number.isNaN(when) ? at : when, origin: origin(`${pointer}/user_preferences/${i}`), wabaId, user, value: pref, category: str(p.category)?.toLowerCase() });
      });
      return;
    }
    case 'messages': {
      if (Array.isArray(value.statuses)) {
        value.statuses.forEach((s, i) => {
          if (isRecord(s)) out.push(statusEvent(s, `${pointer}/statuses/${i}`, origin, wabaId));
        });
      }
      if (Array.isArray(value.messages)) {
        value.messages.forEach((m, i) => {
          if (!isRecord(m)) return;
          const text = inboundText(m);
          const user = userKey(m.from);
          const keyword = text ? replyKeyword(text) : undefined;
          if (!user || !text || !keyword) return;
          const when = toMillis(m.timestamp);
          out.push({ type: 'reply', at: Number.isNaN(when) ? at : when, origin: origin(`${pointer}/messages/${i}`), wabaId, user, keyword, text });
        });
      }
      return;
    }
    default:
      return;
  }
}

function statusEvent(s: Record<string, unknown>, pointer: string, origin: (p: string) => EventOrigin, wabaId: string | undefined): MessageStatusEvent {
  const errors: MessageStatusEvent['errors'] = [];
  if (Array.isArray(s.errors)) {
    s.errors.forEach((e, i) => {
      if (!isRecord(e)) return;
      const code = typeof e.code === 'number' ? e.code : typeof e.code === 'string' && /^\d+$/.test(e.code) ? Number(e.code) : NaN;
      if (Number.isInteger(code)) errors.push({ code, title: str(e.title), pointer: `${pointer}/errors/${i}/code` });
    });
  }
  return {
    type: 'message-status',
    at: toMillis(s.timestamp),
    origin: origin(pointer),
    wabaId,
    messageId: str(s.id),
    recipient: userKey(s.recipient_id),
    status: (str(s.status) ?? '').toLowerCase(),
    errors,
  };
}

/** What a user wrote or tapped: a text body, a quick-reply button, or an interactive reply. */
function inboundText(m: Record<string, unknown>): string | undefined {
  if (isRecord(m.text)) return str(m.text.body);
  if (isRecord(m.button)) return str(m.button.text) ?? str(m.button.payload);
  if (isRecord(m.interactive)) {
    const reply = isRecord(m.interactive.button_reply) ? m.interactive.button_reply : isRecord(m.interactive.list_reply) ? m.interactive.list_reply : undefined;
    return reply ? str(reply.title) : undefined;
  }
  return undefined;
}
