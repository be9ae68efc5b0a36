#!/usr/bin/env node
// Generates an audience CSV (or JSON Lines) with known defects, and a sidecar `<file>.expected.json` holding the
// exact counts msglint must report. Deterministic: the same arguments give the same bytes.
//
//   node bench/gen-audience.mjs [--rows 1000000] [--out bench/out/audience-1m.csv] [--format csv|jsonl] [--seed 1]
//
// Each row has at most one defect, at these shares (of all rows): no opt-in time 3 %, opted out 2 %, invalid number
// 1 %, duplicate of an earlier clean row 1 %, opt-in in the future 0.5 %, stale consent (older than 730 days)
// 1 %, wording different from the claim 2 %. Numbers are mobile numbers of GB, IN, BR, US, ES and DE in E.164.
// "Now" is 2026-11-26T00:00:00Z and the send is 2026-11-27T09:00:00Z (pass them to msglint to reproduce).

import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const NOW = Date.UTC(2026, 10, 26);
export const SEND_AT = Date.UTC(2026, 10, 27, 9);
export const CLAIM = 'Yes, send me order updates and offers from Acme Retail Ltd on WhatsApp';
const DAY = 86_400_000;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, w) => String(n).padStart(w, '0');

/** A valid mobile number, unique per i (i < 10^7), in one of six countries. */
function validNumber(i) {
  switch (i % 6) {
    case 0: return `+4474${pad(i, 8)}`;
    case 1: return `+9198${pad(i, 8)}`;
    case 2: return `+55119${pad(i, 8)}`;
    case 3: return `+1201${200 + (Math.floor(i / 10000) % 800)}${pad(i % 10000, 4)}`;
    case 4: return `+346${pad(i, 8)}`;
    default: return `+49151${pad(i, 8)}`;
  }
}

const INVALID = ['+44770090', '12345', 'call after 6pm', '+999123456789', '+1 555 0100', '+44 20 7946 000'];
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function generate({ rows, out, format = 'csv', seed = 1 }) {
  const random = rng(seed);
  mkdirSync(path.dirname(out), { recursive: true });
  const stream = createWriteStream(out);
  const expected = { rows, contacts: rows, invalidNumber: 0, duplicate: 0, missingOptIn: 0, optedOut: 0, futureOptIn: 0, staleConsent: 0, wordingMismatch: 0, usNumbers: 0, uniqueNumbers: 0, validEvidence: 0 };
  const cleanNumbers = [];
  let buf = format === 'csv' ? 'phone,opted_in_at,opt_in_method,opt_in_text,opted_out_at\n' : '';
  for (let i = 0; i < rows; i++) {
    const r = random();
    let phone = validNumber(i);
    let optedIn = iso(NOW - Math.floor(random() * 600 * DAY) - DAY);
    let optedOut = '';
    let wording = CLAIM;
    let kind = 'clean';
    if (r < 0.03) { kind = 'missingOptIn'; optedIn = ''; }
    else if (r < 0.05) { kind = 'optedOut'; optedOut = iso(Date.parse(optedIn) + DAY); }
    else if (r < 0.06) { kind = 'invalidNumber'; phone = INVALID[i % INVALID.length]; }
    else if (r < 0.07 && cleanNumbers.length > 0) { kind = 'duplicate'; phone = cleanNumbers[Math.floor(random() * cleanNumbers.length)]; }
    else if (r < 0.075) { kind = 'futureOptIn'; optedIn = iso(NOW + DAY + Math.floor(random() * 30 * DAY)); }
    else if (r < 0.085) { kind = 'staleConsent'; optedIn = iso(SEND_AT - (800 + Math.floor(random() * 700)) * DAY); }
    else if (r < 0.105) { kind = 'wordingMismatch'; wording = 'Send me news'; }
    if (kind !== 'clean') expected[kind]++;
    if (kind !== 'invalidNumber' && kind !== 'duplicate') {
      expected.uniqueNumbers++;
      if (i % 6 === 3) expected.usNumbers++;
    }
    if (kind === 'clean' || kind === 'wordingMismatch') {
      expected.validEvidence++;
      if (cleanNumbers.length < 100_000) cleanNumbers.push(phone);
    }
    if (format === 'csv') {
      const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      buf += `${q(phone)},${optedIn},web-form,${q(wording)},${optedOut}\n`;
    } else {
      buf += `${JSON.stringify({ phone, opted_in_at: optedIn || null, opt_in_method: 'web-form', opt_in_text: wording, opted_out_at: optedOut || null })}\n`;
    }
    if (buf.length > 1 << 16) {
      stream.write(buf);
      buf = '';
    }
  }
  stream.end(buf);
  writeFileSync(`${out}.expected.json`, `${JSON.stringify({ now: iso(NOW), sendAt: iso(SEND_AT), claim: CLAIM, ...expected }, null, 2)}\n`);
  return new Promise((resolve, reject) => {
    stream.on('finish', () => resolve(expected));
    stream.on('error', reject);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(arg('rows', '1000000'));
  const format = arg('format', 'csv');
  const out = arg('out', `bench/out/audience-${rows >= 1e6 ? `${rows / 1e6}m` : rows}.${format === 'jsonl' ? 'jsonl' : 'csv'}`);
  const t = performance.now();
  const expected = await generate({ rows, out, format, seed: Number(arg('seed', '1')) });
  console.log(`${out}: ${rows.toLocaleString('en-US')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(JSON.stringify(expected));
}
