import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';

/*
 * Reads a rendered PDF back the way a viewer would (pdfjs-dist, Mozilla's PDF engine), so tests
 * check what a reader actually sees: the text, and where each piece is on the page.
 */

const standardFontDataUrl = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);

export interface PlacedText {
  text: string;
  /** Left edge, in PDF points from the page's left. */
  x: number;
  /** Right edge. */
  right: number;
  /** Baseline, in points from the page's top. */
  y: number;
}

export interface PdfPage {
  items: PlacedText[];
  /** Items on the same baseline joined left to right, top to bottom. */
  lines: string[];
  text: string;
  width: number;
  height: number;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({ data: bytes.slice(), standardFontDataUrl, verbosity: 0, isEvalSupported: false })
    .promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items
      .filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
      .map((item) => ({
        text: item.str,
        x: item.transform[4] as number,
        right: (item.transform[4] as number) + item.width,
        y: height - (item.transform[5] as number),
      }));
    const byLine = new Map<number, PlacedText[]>();
    for (const item of items) {
      const key = Math.round(item.y * 2) / 2;
      byLine.set(key, [...(byLine.get(key) ?? []), item]);
    }
    const lines = [...byLine.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, line]) =>
        line
          .sort((a, b) => a.x - b.x)
          .map((item) => item.text)
          .join(' '),
      );
    pages.push({ items, lines, text: lines.join('\n'), width, height });
  }
  await document.destroy();
  return pages;
}

export async function collectBytes(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
