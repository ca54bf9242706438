import PDFDocument from 'pdfkit';
import { describe, expect, test } from 'vitest';
import { PdfCanvas, type TextStyle } from '../../src/statements/pdf/canvas';

/*
 * The canvas writes single-line text itself (src/statements/pdf/text-ops.ts), as pdfkit's own
 * text() would: the same file, byte for byte. A pdfkit upgrade that writes text otherwise fails here.
 */

const OPTIONS = {
  size: [841.89, 595.28] as [number, number],
  title: 'T',
  subject: 'S',
  author: 'A',
  lang: 'es-MX',
  createdAt: new Date('2026-01-15T16:30:00Z'),
};
const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', mono: 'Courier' };
const ASCENT = { regular: 718, bold: 718, italic: 718, mono: 629 };

/** Lines with kerned pairs (AV, To, Wa, "y."), Latin-1, WinAnsi's high characters, odd sizes. */
const LINES: Array<[string, TextStyle]> = [
  ['AVATAR Type WAY Tomás ¿Qué? «Très» 1,234.56', { size: 7.5 }],
  ['Ministración — estimación núm. 2, “supervisión” €15', { size: 8.5, weight: 'bold' }],
  ['Wallis & Futuna, y. Yo! LT-Vw 0123456789', { size: 11, weight: 'italic', color: '#b00020' }],
  ['6c08204a66d5454cca87550cad875b6e60dad5abadef1775913e8042fef84bf1', { size: 8, weight: 'mono' }],
  ['Œuvre… š ž Ÿ ƒ ‰ † ‡ • ˜ ™ › ‹', { size: 7.123456789 }],
];

/** Everything the document writes, from its first byte; `end()` it to resolve. */
function bytesOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

describe('the canvas', () => {
  test('writes a line of text exactly as pdfkit text() does', async () => {
    const canvas = new PdfCanvas(OPTIONS);
    for (const [index, [text, style]] of LINES.entries()) canvas.text(text, 40 + index, 100 + 20 * index, 1e4, style);
    canvas.addPage();
    for (const [index, [text, style]] of LINES.entries()) canvas.figure(text, 800, 80 + 20 * index, 1e4, style);
    // Nothing taken so far: the last bytes are the whole file.
    const ours = Buffer.from(canvas.end());

    const doc = new PDFDocument({
      size: OPTIONS.size,
      margin: 0,
      bufferPages: false,
      lang: OPTIONS.lang,
      displayTitle: true,
      info: {
        Title: 'T',
        Subject: 'S',
        Author: 'A',
        Creator: 'cofund',
        Producer: 'cofund (pdfkit)',
        CreationDate: OPTIONS.createdAt,
      },
    });
    const theirs = bytesOf(doc);
    let color: string | null = null;
    const draw = (text: string, x: number, baseline: number, style: TextStyle, right: boolean) => {
      const weight = style.weight ?? 'regular';
      doc.font(FONTS[weight]).fontSize(style.size);
      if ((style.color ?? '#111111') !== color) {
        color = style.color ?? '#111111';
        doc.fillColor(color);
      }
      const top = baseline - (ASCENT[weight] / 1000) * style.size;
      doc.text(text, right ? x - doc.widthOfString(text) : x, top, { lineBreak: false });
    };
    for (const [index, [text, style]] of LINES.entries()) draw(text, 40 + index, 100 + 20 * index, style, false);
    doc.addPage({ size: OPTIONS.size, margin: 0 });
    color = null;
    for (const [index, [text, style]] of LINES.entries()) draw(text, 800, 80 + 20 * index, style, true);

    doc.end();
    expect(ours.equals(await theirs)).toBe(true);
  });

  test('measures text as pdfkit does', () => {
    const canvas = new PdfCanvas(OPTIONS);
    for (const [text, style] of LINES) {
      canvas.doc.font(FONTS[style.weight ?? 'regular']).fontSize(style.size);
      expect(canvas.widthOf(text, style)).toBe(canvas.doc.widthOfString(text));
    }
  });
});
