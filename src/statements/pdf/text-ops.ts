import { WIN_ANSI_HIGH } from '../format';

/*
 * A single line of text written as pdfkit 0.20 writes it for `doc.text(text, x, y, { lineBreak:
 * false })` with a standard font -- the same operators, the same numbers, byte for byte -- without
 * what that call costs: pdfkit measures the line three times (each a string-keyed kerning lookup per
 * character pair), allocates an options object, a position object per glyph and a Uint8Array per
 * operator. A statement draws about ten cells per row, 100,000s of rows. tests/statements/pdf.test.ts
 * compares the two writers' output, so a pdfkit upgrade that changes its operators fails there.
 */

/** What this module reads of a pdfkit standard font (pdfkit's AFMFont, not in its types). */
interface AfmFont {
  kernPairs: Record<string, number>;
  encodeText(text: string): string[];
  characterToGlyph(charCode: number): string;
  widthOfGlyph(glyph: string): number;
}

export interface StandardFont {
  id: string;
  name: string;
  ascender: number;
  font: AfmFont;
  /** The font's object in the file, which a page lists among its resources once it uses the font. */
  ref(): unknown;
}

interface Metrics {
  /** Advance of each WinAnsi byte, in font units (per 1000 of the size). */
  widths: Int32Array;
  /** Kerning of each pair of bytes (left * 256 + right), in font units. */
  kerns: Int16Array;
  /** The byte of each character above 0xff that WinAnsi encodes. */
  high: Map<number, number>;
  /** Each byte as pdfkit writes it in a hex string. */
  hex: string[];
  /** Recent lines: what repeats (dates, kinds, codes, memos) is encoded once. */
  lines: Map<string, EncodedLine>;
}

interface EncodedLine {
  /** The line's advance without the size, in font units: pdfkit's exact sum. */
  units: number;
  /** The TJ operator that draws it. */
  show: string;
}

const LINE_CACHE_SIZE = 4096;
const metricsByFont = new Map<string, Metrics>();

/** pdfkit's number formatting (PDFObject.number): six decimals at most, as JavaScript prints them. */
export const pdfNumber = (value: number): number => Math.round(value * 1e6) / 1e6;

function metricsOf(font: StandardFont): Metrics {
  let metrics = metricsByFont.get(font.name);
  if (metrics) return metrics;
  const afm = font.font;
  const widths = new Int32Array(256);
  const hex = new Array<string>(256).fill('');
  const high = new Map<number, number>();
  const bytesOfGlyph = new Map<string, number[]>();
  const characters = [
    ...Array.from({ length: 0x7f - 0x20 }, (_, index) => 0x20 + index),
    ...Array.from({ length: 0x100 - 0xa0 }, (_, index) => 0xa0 + index),
    ...[...WIN_ANSI_HIGH].map((char) => char.charCodeAt(0)),
  ];
  for (const code of characters) {
    const encoded = afm.encodeText(String.fromCharCode(code))[0]!;
    const byte = Number.parseInt(encoded, 16);
    const glyph = afm.characterToGlyph(code);
    if (code > 0xff) high.set(code, byte);
    widths[byte] = afm.widthOfGlyph(glyph);
    hex[byte] = encoded;
    bytesOfGlyph.set(glyph, [...(bytesOfGlyph.get(glyph) ?? []), byte]);
  }
  const kerns = new Int16Array(256 * 256);
  for (const [pair, amount] of Object.entries(afm.kernPairs)) {
    const [left, right] = pair.split('\0') as [string, string];
    for (const leftByte of bytesOfGlyph.get(left) ?? [])
      for (const rightByte of bytesOfGlyph.get(right) ?? []) kerns[leftByte * 256 + rightByte] = amount;
  }
  metrics = { widths, kerns, high, hex, lines: new Map() };
  metricsByFont.set(font.name, metrics);
  return metrics;
}

/** The bytes of a line, or null when a character is outside WinAnsi (pdfkit then writes it). */
function bytesOf(metrics: Metrics, text: string): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const byte =
      code <= 0xff ? ((code >= 0x20 && code < 0x7f) || code >= 0xa0 ? code : -1) : (metrics.high.get(code) ?? -1);
    if (byte < 0) return null;
    bytes[index] = byte;
  }
  return bytes;
}

/**
 * The line encoded as pdfkit's _fragment does: hex runs split after each kerned pair, each run
 * followed by minus its last glyph's kerning; null when pdfkit must write it.
 */
function encode(font: StandardFont, text: string): EncodedLine | null {
  const metrics = metricsOf(font);
  const cached = metrics.lines.get(text);
  if (cached) return cached;
  const bytes = bytesOf(metrics, text);
  if (!bytes) return null;
  const runs: string[] = [];
  let run = '';
  let units = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    const kern = index + 1 < bytes.length ? metrics.kerns[byte * 256 + bytes[index + 1]!]! : 0;
    units += metrics.widths[byte]! + kern;
    run += metrics.hex[byte];
    if (kern !== 0) {
      runs.push(`<${run}> ${pdfNumber(-kern)}`);
      run = '';
    }
  }
  if (run !== '') runs.push(`<${run}> 0`);
  const line = { units, show: `[${runs.join(' ')}] TJ` };
  if (metrics.lines.size >= LINE_CACHE_SIZE) metrics.lines.clear();
  metrics.lines.set(text, line);
  return line;
}

/** The line's width at `size`, computed as pdfkit's doc.widthOfString computes it; null as above. */
export function lineWidth(font: StandardFont, size: number, text: string): number | null {
  const line = encode(font, text);
  return line && (line.units * (size / 1000) * 100) / 100;
}

/**
 * The operators that draw `text` with its top at `top` (pdfkit's default baseline), x at `x`, on a
 * page of `pageHeight`, each followed by a newline as pdfkit's addContent writes it; null as above.
 */
export function lineOperators(
  font: StandardFont,
  size: number,
  text: string,
  x: number,
  top: number,
  pageHeight: number,
): string | null {
  const line = encode(font, text);
  if (!line) return null;
  const y = pageHeight - top - (font.ascender / 1000) * size;
  return (
    `q\n1 0 0 -1 0 ${pdfNumber(pageHeight)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(y)} Tm\n` +
    `/${font.id} ${pdfNumber(size)} Tf\n${line.show}\nET\nQ\n`
  );
}
