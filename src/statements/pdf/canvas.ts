import PDFDocument from 'pdfkit';
import { toWinAnsi } from '../format';
import { type StandardFont, lineOperators, lineWidth } from './text-ops';

/*
 * A thin drawing layer over pdfkit for fixed-height, single-line cells. No node:* import and only the
 * standard fonts, so it runs unchanged on Workers (where the entry point registers pdfkit's standard
 * font metrics, see src/runtime/workers-pdf-fonts.ts).
 */

/**
 * pdfkit writes its output with Readable.push(), whose delivery to 'data' listeners is deferred
 * (process.nextTick in the Node build, a microtask in the browser build). Overriding push collects
 * the bytes synchronously instead, so the renderer hands out each page as soon as pdfkit flushes it
 * (on addPage) and never holds more than about one page, whoever consumes it and however fast.
 */
class CollectingDocument extends PDFDocument {
  // `declare`: no field initialiser, which would run after pdfkit's constructor has pushed the header.
  declare collected: Uint8Array[] | undefined;
  /** pdfkit's current font and size (not in its types): what ./text-ops writes with. */
  declare _font: StandardFont;
  declare _fontSize: number;

  override push(chunk: Uint8Array | null): boolean {
    if (chunk !== null) (this.collected ??= []).push(chunk);
    return true;
  }
}

export type FontWeight = 'regular' | 'bold' | 'italic' | 'mono';

const FONT_NAMES: Record<FontWeight, string> = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  mono: 'Courier',
};
/** Ascender of Helvetica and Courier in font units (per 1000): from baseline to top of the line box. */
const ASCENT: Record<FontWeight, number> = { regular: 718, bold: 718, italic: 718, mono: 629 };

const PARAGRAPH_LINE_GAP = 1.5;
const ENCODER = new TextEncoder();

export const COLORS = {
  text: '#111111',
  muted: '#555555',
  rule: '#9a9a9a',
  headerFill: '#e6e6e6',
  zebra: '#f4f4f4',
  alert: '#b00020',
  alertFill: '#fde7ea',
  okFill: '#eef6ee',
  ok: '#1b5e20',
} as const;

export interface TextStyle {
  weight?: FontWeight;
  size: number;
  color?: string;
}

export interface CanvasOptions {
  size: [number, number];
  title: string;
  subject: string;
  author: string;
  lang: string;
  /** Also the PDF's CreationDate, from which pdfkit derives the file ID: same input, same bytes. */
  createdAt: Date;
  /** Keep pages in memory (small documents whose page count is only known at the end). */
  bufferPages?: boolean;
}

export class PdfCanvas {
  readonly doc: CollectingDocument;
  readonly width: number;
  readonly height: number;
  private weight: FontWeight | null = null;
  private size = 0;
  /** The fill colour in force in the current page's content stream (each page starts afresh). */
  private color: string | null = null;
  /** Advance of each character per 1000 units of font size, per font. */
  private readonly characterWidths = new Map<FontWeight, Map<string, number>>();
  /** Text operators not handed to the page yet: one write per page instead of one per operator. */
  private pending = '';

  constructor(options: CanvasOptions) {
    [this.width, this.height] = options.size;
    this.doc = new CollectingDocument({
      size: options.size,
      margin: 0,
      bufferPages: options.bufferPages ?? false,
      lang: options.lang,
      displayTitle: true,
      info: {
        Title: toWinAnsi(options.title),
        Subject: toWinAnsi(options.subject),
        Author: toWinAnsi(options.author),
        Creator: 'cofund',
        Producer: 'cofund (pdfkit)',
        CreationDate: options.createdAt,
      },
    });
  }

  /** Left-aligned single line at a baseline, cut with an ellipsis when wider than `width`. */
  text(value: string, x: number, baseline: number, width: number, style: TextStyle): void {
    this.use(style);
    this.draw(this.fit(toWinAnsi(value), width), x, baseline, style);
  }

  /** Right-aligned single line ending at `right`, cut with an ellipsis when wider than `width`. */
  textRight(value: string, right: number, baseline: number, width: number, style: TextStyle): void {
    this.use(style);
    const fitted = this.fit(toWinAnsi(value), width);
    this.draw(fitted, right - this.measure(fitted), baseline, style);
  }

  /**
   * A figure, right-aligned at `right`. Figures are never cut: one too wide for its column is set
   * smaller instead, on the same baseline, so the row height and the page count do not change.
   */
  figure(value: string, right: number, baseline: number, width: number, style: TextStyle): void {
    this.use(style);
    const text = toWinAnsi(value);
    let measured = this.measure(text);
    let fitted = style;
    if (measured > width) {
      fitted = { ...style, size: (style.size * width) / measured };
      this.use(fitted);
      measured = this.measure(text);
    }
    this.draw(text, right - measured, baseline, fitted);
  }

  /** Text wrapped to `width` from `top` (not a baseline); returns the height it took. */
  paragraph(value: string, x: number, top: number, width: number, style: TextStyle): number {
    const height = this.paragraphHeight(value, width, style);
    const color = style.color ?? COLORS.text;
    this.flush();
    if (color !== this.color) {
      this.doc.fillColor(color);
      this.color = color;
    }
    this.doc.text(toWinAnsi(value), x, top, { width, lineGap: PARAGRAPH_LINE_GAP });
    return height;
  }

  paragraphHeight(value: string, width: number, style: TextStyle): number {
    this.use(style);
    return this.doc.heightOfString(toWinAnsi(value), { width, lineGap: PARAGRAPH_LINE_GAP });
  }

  widthOf(value: string, style: TextStyle): number {
    this.use(style);
    return this.measure(toWinAnsi(value));
  }

  rule(x1: number, x2: number, y: number, color: string = COLORS.rule, width = 0.5): void {
    this.flush();
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  box(x: number, y: number, width: number, height: number, fill: string, stroke?: string): void {
    this.flush();
    this.doc.save().rect(x, y, width, height);
    if (stroke) this.doc.lineWidth(0.75).fillAndStroke(fill, stroke);
    else this.doc.fill(fill);
    this.doc.restore();
  }

  addPage(): void {
    this.flush();
    this.doc.addPage({ size: [this.width, this.height], margin: 0 });
    this.color = null;
  }

  /** For documents with bufferPages: go back to a page (0-based) to draw on it. */
  switchToPage(index: number): void {
    this.flush();
    this.doc.switchToPage(index);
    this.color = null;
  }

  get bufferedPageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /** The bytes pdfkit has produced since the last call, as one chunk (empty when none). */
  take(): Uint8Array {
    const chunks = this.doc.collected ?? [];
    this.doc.collected = [];
    if (chunks.length === 1) return chunks[0]!;
    const bytes = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }

  /** Finishes the file (pdfkit writes the rest synchronously) and returns its last bytes. */
  end(): Uint8Array {
    this.flush();
    this.doc.end();
    return this.take();
  }

  private use(style: TextStyle): void {
    const weight = style.weight ?? 'regular';
    if (weight !== this.weight) {
      this.doc.font(FONT_NAMES[weight]);
      this.weight = weight;
    }
    if (style.size !== this.size) {
      this.doc.fontSize(style.size);
      this.size = style.size;
    }
  }

  private draw(text: string, x: number, baseline: number, style: TextStyle): void {
    if (text === '') return;
    const color = style.color ?? COLORS.text;
    // pdfkit writes a colour operator on every call; most cells share one colour.
    if (color !== this.color) {
      this.flush();
      this.doc.fillColor(color);
      this.color = color;
    }
    const top = baseline - (ASCENT[style.weight ?? 'regular'] / 1000) * style.size;
    const { doc } = this;
    const operators = lineOperators(doc._font, doc._fontSize, text, x, top, doc.page.height);
    if (operators === null) {
      this.flush();
      doc.text(text, x, top, { lineBreak: false });
      return;
    }
    // What pdfkit's text() leaves behind: the font in the page's resources, the position after the line.
    doc.page.fonts[doc._font.id] ??= doc._font.ref();
    doc.x = x + this.measure(text);
    doc.y = top;
    this.pending += operators;
  }

  /** Hands the pending text operators to the current page. */
  private flush(): void {
    if (this.pending === '') return;
    // Operators are ASCII (text goes in hex strings): UTF-8 is their bytes as pdfkit writes them.
    this.doc.page.write(ENCODER.encode(this.pending));
    this.pending = '';
  }

  /** The width pdfkit's widthOfString gives, without its per-pair lookups when the text is WinAnsi. */
  private measure(text: string): number {
    return lineWidth(this.doc._font, this.doc._fontSize, text) ?? this.doc.widthOfString(text);
  }

  /**
   * The text, or its longest prefix plus an ellipsis, that fits `width`. pdfkit's exact measure
   * (with kerning) costs more than drawing; a sum of cached character widths is within a few percent
   * of it, so the exact measure is only taken near the limit, and the last word is pdfkit's.
   */
  private fit(text: string, width: number): string {
    const estimate = this.estimate(text);
    if (estimate <= width * 0.9) return text;
    if (estimate <= width * 1.1 && this.measure(text) <= width) return text;
    const ellipsis = '…';
    let budget = width - this.estimate(ellipsis);
    let length = 0;
    for (; length < text.length; length++) {
      budget -= this.estimate(text[length]!);
      if (budget < 0) break;
    }
    let candidate = text.slice(0, length).trimEnd();
    while (candidate.length > 0 && this.measure(candidate + ellipsis) > width)
      candidate = candidate.slice(0, -1).trimEnd();
    return candidate + ellipsis;
  }

  /** Width without kerning, from per-character widths measured once per font. */
  private estimate(text: string): number {
    const weight = this.weight ?? 'regular';
    let widths = this.characterWidths.get(weight);
    if (!widths) {
      widths = new Map();
      this.characterWidths.set(weight, widths);
    }
    let units = 0;
    for (let index = 0; index < text.length; index++) {
      const char = text[index]!;
      let advance = widths.get(char);
      if (advance === undefined) {
        advance = (this.doc.widthOfString(char) * 1000) / this.size;
        widths.set(char, advance);
      }
      units += advance;
    }
    return (units * this.size) / 1000;
  }
}
