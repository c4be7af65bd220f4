import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Text windows of one input, each with its offset and first line number. */
export interface Window {
  text: string;
  /** Offset in characters of `text` in the whole decoded input. */
  offset: number;
  /** 1-based line number of the first character of `text`. */
  line: number;
  /** Characters of that line before `text` starts (0 unless a line spans windows). */
  column: number;
  /** Findings starting at or after this index belong to the next window. */
  keepBefore: number;
}

export type Sniffed =
  | { kind: 'text'; encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; bom: number }
  | { kind: 'binary' };

const SNIFF_BYTES = 8000;

/** Decides how to decode a file from its first bytes. */
export function sniff(head: Uint8Array): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { kind: 'text', encoding: 'utf-8', bom: 3 };
  }
  if (head[0] === 0xff && head[1] === 0xfe)
    return { kind: 'text', encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { kind: 'text', encoding: 'utf-16be', bom: 2 };
  const limit = Math.min(head.length, SNIFF_BYTES);
  for (let i = 0; i < limit; i++) if (head[i] === 0) return { kind: 'binary' };
  return { kind: 'text', encoding: 'utf-8', bom: 0 };
}

export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Longer than any rule's longest match (private keys are capped at 16 KiB). */
export const OVERLAP_CHARS = 64 * 1024;

/**
 * Reads a file in overlapping windows with bounded memory: at most one
 * chunk plus the overlap is held at a time. Returns undefined for binaries.
 */
export function* fileWindows(
  path: string,
  transform: (text: string) => string = (text) => text,
): Generator<Window, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    const size = Math.min(CHUNK_BYTES, Math.max(1, fstatSync(fd).size));
    const buffer = Buffer.allocUnsafe(size);
    let read = readSync(fd, buffer, 0, size, null);
    const kind = sniff(buffer.subarray(0, read));
    if (kind.kind === 'binary') throw new BinaryInput();
    const decoder = new TextDecoder(kind.encoding, { ignoreBOM: false });
    let carry = '';
    let offset = 0;
    let line = 1;
    let column = 0;
    while (read > 0) {
      const fresh = decoder.decode(buffer.subarray(0, read), { stream: true });
      read = readSync(fd, buffer, 0, size, null);
      const last = read === 0;
      const text = transform(carry + fresh + (last ? decoder.decode() : ''));
      const keepBefore = last
        ? text.length
        : Math.max(0, text.length - OVERLAP_CHARS);
      yield { text, offset, line, column, keepBefore };
      if (last) break;
      const lines = countLines(text, keepBefore);
      line += lines;
      column =
        lines === 0
          ? column + keepBefore
          : keepBefore - (text.lastIndexOf('\n', keepBefore - 1) + 1);
      offset += keepBefore;
      carry = text.slice(keepBefore);
    }
  } finally {
    closeSync(fd);
  }
}

export class BinaryInput extends Error {}

/** A whole in-memory text as a single window. */
export function textWindow(text: string): Window {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return {
    text: clean,
    offset: 0,
    line: 1,
    column: 0,
    keepBefore: clean.length,
  };
}

export function countLines(text: string, end: number): number {
  let count = 0;
  for (
    let at = text.indexOf('\n');
    at !== -1 && at < end;
    at = text.indexOf('\n', at + 1)
  ) {
    count++;
  }
  return count;
}

/** True when the text looks like UTF-16 (BOM) or plain text; false for NUL bytes. */
export function isBinaryBuffer(bytes: Uint8Array): boolean {
  return sniff(bytes).kind === 'binary';
}

// Notebook image outputs are base64 payloads, never secrets: blank them
// (same length, so line numbers and columns stay right).
const NOTEBOOK_IMAGE =
  /("image\/[a-z+.-]{1,20}"\s{0,4}:\s{0,4})"([^"]{1,50000000})"/g;
const DATA_URI =
  /data:[a-z]{1,20}\/[a-z0-9+.-]{1,40};base64,[A-Za-z0-9+/=]{16,}/gi;

export function maskNotebook(text: string): string {
  return text.replace(
    NOTEBOOK_IMAGE,
    (_, key: string, body: string) => `${key}"${' '.repeat(body.length)}"`,
  );
}

/** Data URIs (inline images, fonts) are blanked before matching. */
export function maskDataUris(text: string): string {
  if (!text.includes('base64,')) return text;
  return text.replace(
    DATA_URI,
    (uri) =>
      uri.slice(0, uri.indexOf(',') + 1) +
      ' '.repeat(uri.length - uri.indexOf(',') - 1),
  );
}
