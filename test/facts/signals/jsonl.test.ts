import { describe, expect, it } from 'vitest';

import { locate } from '../../../src/documents/locate.js';
import { parseText } from '../../helpers/docs.js';

const status = (id: number, st: string, code?: number) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '1049', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', statuses: [{ id: `wamid.${id}`, status: st, timestamp: '1795165200', recipient_id: '447425988000', ...(code ? { errors: [{ code, title: 't' }] } : {}) }] } }] }],
  });
const paused = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [{ id: '1049', time: 1795686000, changes: [{ field: 'message_template_status_update', value: { event: 'PAUSED', message_template_id: 1, message_template_name: 'last_chance', message_template_language: 'en_US', reason: 'NONE' } }] }],
});

/** The text a span covers (single-line spans). */
function covered(text: string, span: { line: number; column: number; endColumn: number }): string {
  return text.split('\n')[span.line - 1].slice(span.column - 1, span.endColumn - 1);
}

describe('JSON Lines logs', () => {
  it('reads a log of message statuses as one send-log document of records', () => {
    const text = [status(1, 'sent'), status(1, 'failed', 131049), status(2, 'delivered')].join('\n') + '\n';
    const parsed = parseText(text, 'send-log.jsonl');
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents).toHaveLength(1);
    const [doc] = parsed.documents;
    expect(doc.kind).toBe('send-log');
    expect((doc.data.records as unknown[]).length).toBe(3);
  });

  it('calls a log with anything but statuses a webhook log', () => {
    const parsed = parseText(`${status(1, 'sent')}\n${paused}\n`, 'webhooks.ndjson');
    expect(parsed.documents.map((d) => d.kind)).toEqual(['webhook']);
  });

  it('locates values inside a record at their exact line and column', () => {
    const text = [status(1, 'sent'), '', status(1, 'failed', 131049), paused].join('\r\n');
    const parsed = parseText(text, 'log.jsonl');
    const [doc] = parsed.documents;
    // Record 1 is on line 3 (line 2 is blank); its error code is the number 131049.
    const code = locate(doc, '/records/1/entry/0/changes/0/value/statuses/0/errors/0/code');
    expect(code.line).toBe(3);
    expect(covered(text.replace(/\r/g, ''), code)).toBe('131049');
    const name = locate(doc, '/records/2/entry/0/changes/0/value/message_template_name');
    expect(name.line).toBe(4);
    expect(covered(text.replace(/\r/g, ''), name)).toBe('"last_chance"');
  });

  it('reports a line that is not JSON at that line, and still reads the others', () => {
    const text = `${status(1, 'sent')}\n${status(2, 'sent').slice(0, 80)}\n${status(3, 'sent')}\n`;
    const parsed = parseText(text, 'log.jsonl');
    expect(parsed.documents).toHaveLength(1);
    expect((parsed.documents[0].data.records as unknown[]).length).toBe(2);
    expect(parsed.problems).toHaveLength(1);
    const [problem] = parsed.problems;
    expect(problem.ruleId).toBe('input/parse-error');
    expect(problem.message).toMatch(/^invalid JSON on line 2: /);
    expect(parsed.source.lines.position(problem.start).line).toBe(2);
    // A record cut off after 80 characters: the problem is at the end of the line.
    expect(parsed.source.lines.position(problem.start).column).toBe(81);
  });

  it('skips (with a warning) a line that is JSON but not a Meta payload', () => {
    const parsed = parseText(`${status(1, 'sent')}\n{"level":"info","msg":"worker started"}\n`, 'log.jsonl');
    expect(parsed.documents).toHaveLength(1);
    expect(parsed.problems.map((p) => [p.ruleId, p.severity, parsed.source.lines.position(p.start).line])).toEqual([['input/unknown-shape', 'warning', 2]]);
  });

  it('leaves other JSON Lines files alone (an audience file is not a log to lint)', () => {
    const parsed = parseText('{"phone":"+447425988000","opted_in_at":"2026-03-02T10:15:00Z"}\n{"phone":"+447425988001"}\n', 'loyalty.jsonl');
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems).toEqual([]);
  });

  it('reports a JSON Lines file none of whose lines can be read', () => {
    const parsed = parseText('{"object": "whatsapp_business_account", "entry": [\n', 'broken.jsonl');
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems.map((p) => p.ruleId)).toEqual(['input/parse-error']);
  });

  it('reads a YAML list of payloads as one log, positions in the original nodes', () => {
    const text = `- ${paused}\n- ${status(1, 'failed', 131048)}\n`;
    const parsed = parseText(text, 'log.yaml');
    expect(parsed.problems).toEqual([]);
    expect(parsed.documents.map((d) => d.kind)).toEqual(['webhook']);
    const code = locate(parsed.documents[0], '/records/1/entry/0/changes/0/value/statuses/0/errors/0/code');
    expect(code.line).toBe(2);
    expect(covered(text, code)).toBe('131048');
  });

  it('reads one payload per file, and a map of name → payload (pywa test data), as webhooks', () => {
    expect(parseText(paused, 'one.json').documents.map((d) => [d.kind, d.basePath])).toEqual([['webhook', []]]);
    const map = parseText(JSON.stringify({ approved: JSON.parse(paused), rejected: JSON.parse(paused) }), 'map.json');
    expect(map.documents.map((d) => [d.kind, d.basePath])).toEqual([
      ['webhook', ['approved']],
      ['webhook', ['rejected']],
    ]);
  });

  it('does not take a template export for a webhook (status APPROVED is a template status)', () => {
    const parsed = parseText(JSON.stringify({ data: [{ name: 'x', language: 'en', category: 'UTILITY', status: 'APPROVED', components: [] }] }), 'export.json');
    expect(parsed.documents.map((d) => d.kind)).toEqual(['template']);
  });
});
