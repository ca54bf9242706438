import { Buffer } from 'node:buffer';
import { CofundError, ValidationError } from '../errors';

/*
 * A streaming reader of multipart/form-data (RFC 7578): each part's body is read from the request
 * as the consumer pulls it, so a file goes to the store a chunk at a time and is never held whole.
 * (Hono's parseBody, and the multipart parsers on npm that run on Workers, buffer each part.)
 * The API's uploads and filings and the portal's forms with files all read their bodies with it.
 */

export interface MultipartPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  /** The part's bytes: read them once, before asking for the next part (unread ones are skipped). */
  body: AsyncIterable<Uint8Array>;
}

export interface MultipartLimits {
  /** The whole body. */
  maxBytes: number;
  maxParts: number;
  maxHeaderBytes: number;
}

/** What a form may carry beside its files (its text parts, part headers, boundaries). */
export const STREAMED_OVERHEAD_BYTES = 64 * 1024;

/** The limits of a form that carries documents of at most `documentBytes` bytes. */
export const formLimits = (documentBytes: number): MultipartLimits => ({
  maxBytes: documentBytes + STREAMED_OVERHEAD_BYTES,
  maxParts: 64,
  maxHeaderBytes: 8 * 1024,
});

export class MalformedMultipartError extends CofundError {
  constructor(message: string) {
    super('malformed-multipart', 400, `the multipart/form-data body could not be read: ${message}`);
  }
}

export class BodyTooLargeError extends CofundError {
  constructor(limit: number) {
    super('body-too-large', 413, `The request body is larger than this route accepts (${limit} bytes).`, [], { limit });
  }
}

/** The boundary of a multipart/form-data Content-Type, or undefined when it is not one. */
export function formDataBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

export async function* readMultipart(
  stream: ReadableStream<Uint8Array>,
  boundary: string,
  limits: MultipartLimits,
): AsyncGenerator<MultipartPart> {
  const input = new Input(stream.getReader(), limits.maxBytes);
  // The first delimiter has no CRLF before it: pretend it had, so every delimiter looks the same.
  input.buffer = Buffer.from(CRLF);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  try {
    await input.skipPast(delimiter);
    for (let parts = 0; ; parts++) {
      await input.need(2);
      if (input.buffer[0] === 0x2d && input.buffer[1] === 0x2d) return; // "--": the closing delimiter
      await input.skipPast(CRLF, 1024); // transport padding, then the line break
      if (parts >= limits.maxParts) throw new MalformedMultipartError(`more than ${limits.maxParts} parts`);
      const headers = parseHeaders((await input.takeUntil(HEADERS_END, limits.maxHeaderBytes)).toString('utf8'));
      let done = false;
      const body = (async function* () {
        for (;;) {
          const at = input.buffer.indexOf(delimiter);
          if (at >= 0) {
            if (at > 0) yield input.buffer.subarray(0, at);
            input.buffer = input.buffer.subarray(at + delimiter.length);
            done = true;
            return;
          }
          const safe = possibleDelimiterStart(input.buffer, delimiter);
          if (safe > 0) {
            yield input.buffer.subarray(0, safe);
            input.buffer = input.buffer.subarray(safe);
          }
          if (!(await input.more())) throw new MalformedMultipartError('the body ended inside a part');
        }
      })();
      yield { ...headers, body };
      if (!done) for await (const _ of body); // eslint-disable-line @typescript-eslint/no-unused-vars
    }
  } finally {
    await input.cancel();
  }
}

class Input {
  buffer: Buffer = Buffer.alloc(0);
  private total = 0;
  private ended = false;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly maxBytes: number,
  ) {}

  /** Reads one more chunk into the buffer; false at the end of the body. */
  async more(): Promise<boolean> {
    if (this.ended) return false;
    const { done, value } = await this.reader.read();
    if (done) {
      this.ended = true;
      return false;
    }
    this.total += value.length;
    if (this.total > this.maxBytes) throw new BodyTooLargeError(this.maxBytes);
    // Only a leftover (the start of a marker cut by the chunk's end, a few bytes) costs a copy.
    const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return true;
  }

  async need(bytes: number): Promise<void> {
    while (this.buffer.length < bytes) if (!(await this.more())) throw new MalformedMultipartError('it ended early');
  }

  /** Drops everything up to and including `marker` (at most `within` bytes before it, when given). */
  async skipPast(marker: Buffer, within = Infinity): Promise<void> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0 && at <= within) {
        this.buffer = this.buffer.subarray(at + marker.length);
        return;
      }
      if (at > within || this.buffer.length > within + marker.length)
        throw new MalformedMultipartError('a delimiter is not followed by a line break');
      // Keep only what could be the start of the marker.
      if (within === Infinity) this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - marker.length));
      if (!(await this.more())) throw new MalformedMultipartError('no boundary found');
    }
  }

  /** The bytes up to `marker`, which is consumed; refused beyond `max` bytes. */
  async takeUntil(marker: Buffer, max: number): Promise<Buffer> {
    for (;;) {
      const at = this.buffer.indexOf(marker);
      if (at >= 0 && at <= max) {
        const taken = this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + marker.length);
        return taken;
      }
      if (this.buffer.length > max + marker.length) throw new MalformedMultipartError(`part headers over ${max} bytes`);
      if (!(await this.more())) throw new MalformedMultipartError('the body ended inside part headers');
    }
  }

  async cancel(): Promise<void> {
    if (!this.ended) await this.reader.cancel().catch(() => {});
  }
}

/**
 * Where, in the last bytes of `buffer`, the delimiter could begin without ending there (its first
 * bytes); buffer.length when nowhere. What comes before is the part's, passed on uncopied.
 */
function possibleDelimiterStart(buffer: Buffer, delimiter: Buffer): number {
  for (let at = buffer.indexOf(delimiter[0]!, Math.max(0, buffer.length - delimiter.length + 1)); at >= 0;) {
    if (buffer.subarray(at).equals(delimiter.subarray(0, buffer.length - at))) return at;
    at = buffer.indexOf(delimiter[0]!, at + 1);
  }
  return buffer.length;
}

function parseHeaders(text: string): Omit<MultipartPart, 'body'> {
  let disposition = '';
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    if (name === 'content-type') contentType = value;
  }
  if (!/^form-data\s*(;|$)/i.test(disposition)) throw new MalformedMultipartError('a part is not form-data');
  const name = parameter(disposition, 'name');
  if (name === undefined) throw new MalformedMultipartError('a part has no name');
  return { name, filename: parameter(disposition, 'filename'), contentType };
}

/** A Content-Disposition parameter, quoted or not (browsers send UTF-8 in the quoted form). */
function parameter(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2];
}

/** A text part's value (NFC), refused beyond `maxBytes`: small fields are read whole, files never. */
export async function readText(body: AsyncIterable<Uint8Array>, field: string, maxBytes = 8 * 1024): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) throw ValidationError.field(`body.${field}`, `at most ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks)).normalize('NFC');
}

/** A file name safe to show and to put in Content-Disposition: one visible line, no path. */
export function cleanFileName(sent: string | undefined, extension: string): string {
  const name = (sent ?? '')
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
  return name === '' ? `document.${extension}` : name;
}
