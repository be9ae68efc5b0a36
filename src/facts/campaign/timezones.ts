import { getCountry } from 'countries-and-timezones';

/**
 * Recipients' local time. The country comes from the phone number; its time zones from countries-and-timezones
 * (IANA zones per country); the offset of a zone at an instant from the runtime's time-zone database (Intl), so
 * daylight saving time is right on the day of the send.
 *
 * A number does not say where in a country its owner is. For a country with several zones (US, BR, RU, AU, …)
 * a recipient counts as outside the sending window when the send time is outside it in at least half of the
 * country's zones, and as "partly outside" when only some zones are; both are reported. "Any zone" would flag
 * nearly every US send (Hawaii and Alaska are always early), "all zones" would hide 6 a.m. sends to the
 * East Coast.
 */

const MINUTE = 60_000;
const QUARTER_HOUR = 15 * MINUTE;

const zonesByCountry = new Map<string, readonly string[]>();
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** The IANA zones of a country (ISO 3166 alpha-2), or an empty list. */
export function countryZones(country: string): readonly string[] {
  let zones = zonesByCountry.get(country);
  if (!zones) {
    zones = (getCountry(country)?.timezones ?? []).filter(isSupportedZone);
    zonesByCountry.set(country, zones);
  }
  return zones;
}

export function isSupportedZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Offset of a zone from UTC at an instant, in ms. Offsets change only on quarter hours (every transition happens
 * at a local time on a quarter hour, and current offsets are multiples of 15 minutes), so they are cached per zone
 * and quarter hour.
 */
export function zoneOffset(zone: string, at: number): number {
  const bucket = Math.floor(at / QUARTER_HOUR);
  const key = `${zone}|${bucket}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const instant = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const p of formatterFor(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    offset = wall - instant;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** Minute of the day (0–1439) in a zone at an instant. */
export function localMinuteOfDay(zone: string, at: number): number {
  const local = Math.floor((at + zoneOffset(zone, at)) / MINUTE);
  return ((local % 1440) + 1440) % 1440;
}

/** A local-time sending window, in minutes of the day; `to` may be before `from` (a window over midnight). */
export interface SendingWindow {
  from: number;
  to: number;
  text: string;
}

/** Reads `{from: "09:00", to: "20:00"}`; undefined when it is not a window. */
export function parseWindow(value: unknown): SendingWindow | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const w = value as Record<string, unknown>;
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  if (from === undefined || to === undefined || from === to) return undefined;
  return { from, to, text: `${w.from}–${w.to}` };
}

function minutesOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (!m) return undefined;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : undefined;
}

export function insideWindow(w: SendingWindow, minuteOfDay: number): boolean {
  return w.from < w.to ? minuteOfDay >= w.from && minuteOfDay < w.to : minuteOfDay >= w.from || minuteOfDay < w.to;
}

export const INSIDE = 0;
export const OUTSIDE = 1;
export const PARTLY_OUTSIDE = 2;
export const UNKNOWN_ZONE = 3;

/** Where a send at `at` lands for a recipient in `country`: INSIDE, OUTSIDE (at least half its zones), PARTLY_OUTSIDE, or UNKNOWN_ZONE. */
export function windowVerdict(w: SendingWindow, country: string, at: number): number {
  const zones = countryZones(country);
  if (zones.length === 0) return UNKNOWN_ZONE;
  let outside = 0;
  for (const zone of zones) if (!insideWindow(w, localMinuteOfDay(zone, at))) outside++;
  if (outside === 0) return INSIDE;
  return outside * 2 >= zones.length ? OUTSIDE : PARTLY_OUTSIDE;
}

/**
 * An ISO date-time to ms. With an offset (or Z) it is exact; without one it is wall time in `zone` (the campaign's
 * schedule.timezone), or UTC when there is no zone.
 */
export function parseScheduleTime(text: string, zone?: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text.trim());
  if (!m) return NaN;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (m[7]) {
    if (m[7] === 'Z' || m[7] === 'z') return wall;
    const sign = m[7][0] === '-' ? -1 : 1;
    const digits = m[7].slice(1).replace(':', '');
    return wall - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * MINUTE;
  }
  if (!zone || !isSupportedZone(zone)) return wall;
  // Wall time in a zone: subtract the zone's offset, then correct once for a DST change between the two guesses.
  let guess = wall - zoneOffset(zone, wall);
  guess = wall - zoneOffset(zone, guess);
  return guess;
}
