#!/usr/bin/env node
// Generates N realistic template files (YAML, one template each) for throughput benchmarks.
// Usage: node bench/gen-templates.mjs <count> <out-dir>   (deterministic: same count → same files)
//
// Like a real template repository, bodies differ from file to file: each is put together from a kind of
// message (order update, reminder, payment, offer, code…) in one of six languages, a business name and
// details, so a cache keyed on the body text cannot stand in for the work. About one in ten is spammy
// and about one in fifty repeats another template's wording, as happens when templates are copied.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Bumped whenever the output changes, so benchmarks regenerate stale folders (see isCurrent). */
export const GENERATOR_VERSION = '2';

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(rand() * list.length)];

const SHOPS = ['Acme', 'Blue Harbor', 'Casa Verde', 'Nordlicht', 'Sol Nascente', 'Pine & Co', 'Urban Loom', 'Kopi Kita', 'Maison Clair', 'Tienda Luna', 'Brightside', 'Rio Market', 'Fjord Outdoor', 'Lumen Labs', 'Baker Street Books', 'Mercado Sur'];
const ITEMS = ['jacket', 'headphones', 'coffee beans', 'running shoes', 'desk lamp', 'backpack', 'phone case', 'yoga mat', 'tea set', 'camera bag'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// [category, language, body] builders; `s` is the shop, `n` a number unique to the file, `it` an item.
const KINDS = [
  ['UTILITY', 'en_US', (s, n, it) => `Hi {{1}}, your ${it} from ${s} (order {{2}}) has shipped and should arrive on {{3}}. Track it any time from your account page, reference ${n}.`, [['Maria', 'A-1001', 'Friday']]],
  ['UTILITY', 'en_US', (s, n) => `Reminder: your appointment at ${s} with {{1}} is on {{2}} at {{3}}. Reply C to cancel or R to reschedule. Booking ${n}.`, [['Dr Silva', '3 December', '10:30']]],
  ['UTILITY', 'en_GB', (s, n) => `Your payment of {{1}} to ${s} for invoice {{2}} was received on ${pick(DAYS)}. Thank you, your receipt ${n} is in your account.`, [['£48.00', 'INV-2231']]],
  ['UTILITY', 'en_US', (s, n, it) => `Good news {{1}}: the ${it} you asked ${s} to hold is back in stock at our store ${n}. We will keep it for you until {{2}}.`, [['Sam', 'Sunday']]],
  ['MARKETING', 'en_US', (s, n, it) => `Hi {{1}}, the new ${it} collection at ${s} is here. Enjoy 15% off with code SAVE${n} until {{2}}. Shop now!`, [['Maria', 'Sunday']]],
  ['MARKETING', 'en_US', (s, n, it) => `Dear friend, ACT NOW!!! You have been selected to WIN a FREE ${it}. Claim prize ${n} from ${s}: https://bit.ly/x{{1}}`, [['abc']]],
  ['AUTHENTICATION', 'en_US', () => '', []],
  ['MARKETING', 'es', (s, n, it) => `Hola {{1}}, aprovecha 20% de descuento en ${it} en ${s} hasta el {{2}} con el código PROMO${n}. ¡Compra ya!`, [['Ana', 'domingo']]],
  ['UTILITY', 'es', (s, n) => `Hola {{1}}, tu pedido {{2}} de ${s} está en camino y llegará el {{3}}. Referencia de envío ${n}.`, [['Ana', 'P-778', 'lunes']]],
  ['UTILITY', 'pt_BR', (s, n) => `Olá {{1}}, o seu pedido {{2}} da ${s} saiu para entrega e chega amanhã. Acompanhe pelo aplicativo, código de rastreio ${n}.`, [['João', 'P-778']]],
  ['MARKETING', 'pt_BR', (s, n, it) => `Oi {{1}}! Semana de ofertas na ${s}: ${it} com 30% de desconto até {{2}}. Use o cupom VERAO${n}.`, [['João', 'sexta']]],
  ['UTILITY', 'fr', (s, n) => `Bonjour {{1}}, votre rendez-vous chez ${s} est confirmé pour le {{2}}. Numéro de réservation ${n}.`, [['Claire', '4 mars']]],
  ['UTILITY', 'de', (s, n) => `Hallo {{1}}, Ihre Bestellung {{2}} bei ${s} wurde versandt und kommt voraussichtlich am {{3}} an. Sendungsnummer ${n}.`, [['Jonas', 'B-42', 'Freitag']]],
  ['UTILITY', 'id', (s, n) => `Halo {{1}}, pesanan {{2}} dari ${s} sedang dikirim dan akan tiba pada {{3}}. Nomor resi ${n}.`, [['Budi', 'K-88', 'Senin']]],
];

export function generate(count, out) {
  seed = 42;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const written = [];
  for (let i = 0; i < count; i++) {
    let [category, language, body, example] = pick(KINDS);
    let text = body(pick(SHOPS), 1000 + i, pick(ITEMS));
    if (written.length > 10 && rand() < 0.02) [category, language, text, example] = pick(written);
    else if (category !== 'AUTHENTICATION') written.push([category, language, text, example]);
    const name = `template_${String(i).padStart(6, '0')}`;
    const yaml = category === 'AUTHENTICATION' ? authentication(name) : `name: ${name}
language: ${language}
category: ${category}
components:
  - type: HEADER
    format: TEXT
    text: "Update {{1}}"
    example:
      header_text: ["${i}"]
  - type: BODY
    text: "${text}"
    example:
      body_text: ${JSON.stringify(example)}
  - type: FOOTER
    text: "Reply STOP to opt out"
  - type: BUTTONS
    buttons:
      - { type: QUICK_REPLY, text: "Yes" }
      - { type: QUICK_REPLY, text: "No" }
      - { type: URL, text: "Open", url: "https://acme.example/o/{{1}}", example: ["https://acme.example/o/${i}"] }
`;
    const dir = path.join(out, String(Math.floor(i / 1000)).padStart(3, '0'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.yaml`), yaml);
  }
  writeFileSync(path.join(out, '.generator-version'), GENERATOR_VERSION);
}

/** Authentication templates have fixed wording in Meta's format: only options, no body text. */
function authentication(name) {
  return `name: ${name}
language: en_US
category: AUTHENTICATION
components:
  - type: BODY
    add_security_recommendation: true
  - type: FOOTER
    code_expiration_minutes: ${5 + Math.floor(rand() * 10)}
  - type: BUTTONS
    buttons:
      - type: OTP
        otp_type: COPY_CODE
        text: "Copy code"
`;
}

/** True when `out` holds files written by this version of the generator. */
export function isCurrent(out) {
  try {
    return readFileSync(path.join(out, '.generator-version'), 'utf8') === GENERATOR_VERSION;
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 1000);
  const out = path.resolve(process.argv[3] ?? `bench/out/templates-${count}`);
  generate(count, out);
  console.error(`wrote ${count} templates to ${path.relative(process.cwd(), out)}`);
}
