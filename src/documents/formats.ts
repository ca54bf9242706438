/**
 * The formats a document may have, recognised from its first bytes: what the client claims is
 * checked against them, never trusted. Office files (zip containers) are not accepted: a scan or an
 * export to PDF is what committees and auditors file.
 */
export interface DocumentFormat {
  contentType: string;
  extension: string;
  magic: readonly number[];
}

export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [
  { contentType: 'application/pdf', extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { contentType: 'image/png', extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { contentType: 'image/jpeg', extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
];

/** Bytes of the start of a file that sniffing needs. */
export const SNIFF_BYTES = Math.max(...DOCUMENT_FORMATS.map((format) => format.magic.length));

export function sniffFormat(head: Uint8Array): DocumentFormat | undefined {
  return DOCUMENT_FORMATS.find((format) => format.magic.every((byte, index) => head[index] === byte));
}

/** Names clients use for the same format. */
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/**
 * The media type a client claimed (a part's Content-Type), lowercased without parameters; undefined
 * when it claimed nothing in particular (no type, or application/octet-stream).
 */
export function claimedContentType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  if (!type || type === 'application/octet-stream') return undefined;
  return ALIASES[type] ?? type;
}
