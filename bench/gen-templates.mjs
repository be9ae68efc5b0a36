#!/usr/bin/env node
// Generates N realistic template files (YAML, one template each) for throughput benchmarks.
// Usage: node bench/gen-templates.mjs <count> <out-dir>   (deterministic: same count → same files)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const count = Number(process.argv[2] ?? 1000);
const out = path.resolve(process.argv[3] ?? `bench/out/templates-${count}`);

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];

const bodies = [
  ['UTILITY', 'Hi {{1}}, your order {{2}} has shipped and should arrive on {{3}}. Track it from your account page.', [['Maria', 'A-1001', 'Friday']]],
  ['UTILITY', 'Reminder: your appointment with {{1}} is on {{2}} at {{3}}. Reply C to cancel or R to reschedule.', [['Dr Silva', '3 December', '10:30']]],
  ['UTILITY', 'Your payment of {{1}} for invoice {{2}} was received. Thank you, your receipt is in your account.', [['$48.00', 'INV-2231']]],
  ['MARKETING', 'Hi {{1}}, our winter collection is here. Enjoy 15% off with code WINTER15 until {{2}}. Shop now!', [['Maria', 'Sunday']]],
  ['MARKETING', 'Dear friend, ACT NOW!!! You have been selected to WIN a FREE prize. Click here: https://bit.ly/x{{1}}', [['abc']]],
  ['UTILITY', 'Your verification code is {{1}}. It expires in 10 minutes.', [['482913']]],
  ['MARKETING', 'Hola {{1}}, aprovecha 20% de descuento en toda la tienda hasta el {{2}}. ¡Compra ya!', [['Ana', 'domingo']]],
  ['UTILITY', 'Olá {{1}}, o seu pedido {{2}} saiu para entrega e chega amanhã. Acompanhe pelo aplicativo.', [['João', 'P-778']]],
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (let i = 0; i < count; i++) {
  const [category, text, example] = pick(bodies);
  const lang = text.startsWith('Hola') ? 'es' : text.startsWith('Olá') ? 'pt_BR' : 'en_US';
  const name = `template_${String(i).padStart(6, '0')}`;
  const yaml = `name: ${name}
language: ${lang}
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
console.error(`wrote ${count} templates to ${path.relative(process.cwd(), out)}`);
