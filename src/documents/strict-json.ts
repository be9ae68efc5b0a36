/**
 * A strict JSON (RFC 8259) checker for `.json` files. The YAML parser reads JSON too, but it also accepts
 * what JSON does not (trailing commas, comments, single quotes, unquoted keys), and Meta's API and every
 * JSON tool reject those. JSON.parse would say *that* the file is invalid, but its messages and positions
 * differ between Node versions; this says what and where, the same way everywhere.
 *
 * One linear pass, no recursion (nesting depth cannot overflow the stack), no values built.
 */

export interface JsonSyntaxError {
  /** Offset (UTF-16 units) of the offending character. */
  offset: number;
  message: string;
}

const enum Expect {
  Value,
  /** After `[`: a value or `]`. */
  FirstItem,
  /** After `{`: a key or `}`. */
  FirstKey,
  /** After `,` in an object. */
  Key,
  Colon,
  /** After a value inside a container: `,` or the closing bracket. */
  CommaOrClose,
  End,
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The first place where `text` is not strict JSON, or undefined when it is. */
export function checkStrictJson(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  const stack: number[] = []; // 0x5b `[` or 0x7b `{`
  let expect = Expect.Value;
  let i = 0;
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset: Math.min(offset, n), message });
  while (true) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (expect === Expect.End) return undefined;
      return fail(n, stack.length > 0 ? `the file ends before the closing ${stack[stack.length - 1] === 0x5b ? ']' : '}'}` : 'the file ends where a value was expected');
    }
    const c = text.charCodeAt(i);
    if (c === 0x23 || (c === 0x2f && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a))) {
      return fail(i, 'comments are not allowed in JSON');
    }
    switch (expect) {
      case Expect.End:
        return fail(i, 'more content after the end of the JSON value (one file holds one value)');
      case Expect.Colon:
        if (c !== 0x3a) return fail(i, 'a ":" is missing after the key');
        i++;
        expect = Expect.Value;
        continue;
      case Expect.CommaOrClose: {
        const open = stack[stack.length - 1];
        if (c === 0x2c) {
          i++;
          expect = open === 0x7b ? Expect.Key : Expect.Value;
          // A comma followed directly by the closing bracket is the commonest mistake: name it.
          let j = i;
          while (j < n && isWhitespace(text.charCodeAt(j))) j++;
          const next = text.charCodeAt(j);
          if (next === 0x5d || next === 0x7d) return fail(i - 1, `a trailing comma before the closing ${next === 0x5d ? ']' : '}'}`);
          continue;
        }
        if ((open === 0x5b && c === 0x5d) || (open === 0x7b && c === 0x7d)) {
          i++;
          stack.pop();
          expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
          continue;
        }
        return fail(i, `a "," or "${open === 0x5b ? ']' : '}'}" is missing here`);
      }
      case Expect.FirstKey:
      case Expect.Key:
        if (c === 0x7d && expect === Expect.FirstKey) {
          i++;
          stack.pop();
          expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
          continue;
        }
        if (c !== 0x22) return fail(i, c === 0x27 ? 'keys must be in double quotes, not single quotes' : 'keys must be in double quotes');
        {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
        }
        expect = Expect.Colon;
        continue;
      case Expect.FirstItem:
      case Expect.Value: {
        if (c === 0x5d && expect === Expect.FirstItem) {
          i++;
          stack.pop();
          expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
          continue;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c);
          i++;
          expect = c === 0x7b ? Expect.FirstKey : Expect.FirstItem;
          continue;
        }
        let end: number | JsonSyntaxError;
        if (c === 0x22) end = scanString(text, i);
        else if (c === 0x2d || isDigit(c)) end = scanNumber(text, i);
        else if (text.startsWith('true', i)) end = i + 4;
        else if (text.startsWith('false', i)) end = i + 5;
        else if (text.startsWith('null', i)) end = i + 4;
        else if (c === 0x27) return fail(i, 'strings must be in double quotes, not single quotes');
        else return fail(i, `unexpected ${describeChar(text, i)}; a JSON value is a "string", a number, true, false, null, {…} or […]`);
        if (typeof end !== 'number') return end;
        i = end;
        expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
        continue;
      }
    }
  }
}

/** Offset after the closing quote of the string starting at `start`, or the error. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, message: c === 0x0a || c === 0x0d ? 'a line break inside a string must be written as \\n' : c === 0x09 ? 'a tab inside a string must be written as \\t' : 'a control character inside a string must be escaped' };
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (e === 0x75) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: '\\u must be followed by four hexadecimal digits' };
        i += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
        continue;
      }
      return { offset: i, message: `${i + 1 < n ? `"\\${text[i + 1]}"` : 'a lone backslash'} is not a JSON escape` };
    }
    i++;
  }
  return { offset: start, message: 'this string has no closing double quote' };
}

/** Offset after the number starting at `start`, or the error (JSON numbers: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?). */
function scanNumber(text: string, start: number): number | JsonSyntaxError {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i))) return { offset: start, message: 'numbers cannot start with 0 in JSON (write them without leading zeros, or as a "string")' };
  } else if (isDigit(text.charCodeAt(i))) {
    while (isDigit(text.charCodeAt(i))) i++;
  } else {
    return { offset: start, message: 'a "-" must be followed by digits' };
  }
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return { offset: i, message: 'a decimal point must be followed by digits' };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) return { offset: i, message: 'an exponent must have digits' };
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

function describeChar(text: string, i: number): string {
  const c = text.codePointAt(i) ?? 0;
  if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i, i + 40))?.[0];
  if (word) return `"${word}" (text must be in double quotes)`;
  return `"${String.fromCodePoint(c)}"`;
}
