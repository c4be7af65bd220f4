import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Inflates the entry (stored or deflated) on demand. */
  read(): Buffer;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Lists a zip's entries from its central directory, ZIP64 included (the
 * osv.dev npm export holds more than 65,535 records). Inflation uses
 * Node's native zlib: several times faster than a JS inflate on the tens
 * of thousands of small records such an export holds.
 */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(zip);
  let count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const locator = end - 20;
  if (locator >= 0 && zip.readUInt32LE(locator) === EOCD64_LOCATOR) {
    const end64 = Number(zip.readBigUInt64LE(locator + 8));
    if (zip.readUInt32LE(end64) !== EOCD64)
      throw new Error('broken ZIP64 end record');
    count = Number(zip.readBigUInt64LE(end64 + 32));
    offset = Number(zip.readBigUInt64LE(end64 + 48));
  }

  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL)
      throw new Error('broken central directory');
    const method = zip.readUInt16LE(offset + 10);
    let compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let local = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const extra = zip.subarray(
      offset + 46 + nameLength,
      offset + 46 + nameLength + extraLength,
    );
    if (compressed === 0xffffffff || local === 0xffffffff) {
      ({ compressed, local } = zip64Sizes(
        extra,
        zip.readUInt32LE(offset + 24),
        compressed,
        local,
      ));
    }
    entries.push({
      name,
      read: () => inflateEntry(zip, local, method, compressed),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const floor = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= floor; at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw new Error('no end of central directory record');
}

// ZIP64 extra field (id 1): the 64-bit sizes/offset, present only for the
// fields whose 32-bit slot reads 0xffffffff, in this order.
function zip64Sizes(
  extra: Buffer,
  size: number,
  compressed: number,
  local: number,
) {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (size === 0xffffffff) next();
      if (compressed === 0xffffffff) compressed = next();
      if (local === 0xffffffff) local = next();
      break;
    }
    at += 4 + length;
  }
  return { compressed, local };
}

function inflateEntry(
  zip: Buffer,
  local: number,
  method: number,
  compressed: number,
): Buffer {
  if (zip.readUInt32LE(local) !== LOCAL) throw new Error('broken local header');
  const start =
    local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + compressed);
  if (method === 0) return data;
  if (method === 8) return inflateRawSync(data);
  throw new Error(`unsupported compression method ${method}`);
}
