import { inflateSync } from 'node:zlib';

/** Everything in a page that would make a browser fetch something (links on <a> are fine: nothing loads them). */
export function resourceLoads(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<(script|link|img|iframe|object|embed|video|audio|source|track|image|use|base|meta\s+http-equiv)\b[^>]*>/gi)) found.push(m[0]);
  for (const m of html.matchAll(/\s(src|srcset|poster|data|xlink:href|background|formaction|action)\s*=\s*["']?[^\s"'>]*/gi)) found.push(m[0]);
  for (const m of html.matchAll(/@import|url\s*\(/gi)) found.push(m[0]);
  for (const m of html.matchAll(/<(\w+)\b[^>]*\shref\s*=/gi)) if (m[1].toLowerCase() !== 'a') found.push(m[0]);
  return found;
}

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  pixels: Uint8Array;
}

/** A small PNG decoder (8-bit greyscale/RGB/RGBA, not interlaced): what Chromium's screenshots are. */
export function decodePng(png: Uint8Array): DecodedPng {
  const buf = Buffer.from(png);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      colorType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      const pa = Math.abs(b - c);
      const pb = Math.abs(a - c);
      const pc = Math.abs(a + b - 2 * c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      cur[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const p = x * channels;
      if (channels >= 3) out.set([cur[p], cur[p + 1], cur[p + 2], channels === 4 ? cur[p + 3] : 255], o);
      else out.set([cur[p], cur[p], cur[p], channels === 2 ? cur[p + 1] : 255], o);
    }
    prev = cur;
  }
  return { width, height, pixels: out };
}

/** Distinct colours and the share of pixels that are not (near) white: a blank page has 1 and 0. */
export function colourStats(img: DecodedPng): { distinct: number; inked: number } {
  const colours = new Set<number>();
  let inked = 0;
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) {
    const r = img.pixels[i * 4];
    const g = img.pixels[i * 4 + 1];
    const b = img.pixels[i * 4 + 2];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 235 || g < 235 || b < 235) inked++;
  }
  return { distinct: colours.size, inked: inked / Math.max(1, n) };
}
