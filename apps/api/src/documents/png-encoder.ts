import { deflateSync } from 'node:zlib';

/** Input of `encodePng`: the PNG header fields and the raw rows, one byte array per row. */
export interface PngSource {
  width: number;
  height: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray and alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** Samples of each row at `bitDepth`, packed as PNG packs them, without the filter byte. */
  rows: Uint8Array[];
  /** `PLTE` entries, three bytes each. */
  palette?: Uint8Array;
  /** The `tRNS` chunk. */
  transparency?: Uint8Array;
  /** The filter type of each row, cycling; `[0]` (None) when left out. */
  filters?: number[];
  /** Splits the compressed data into this many `IDAT` chunks; 1 when left out. */
  dataChunks?: number;
}

/**
 * Writes a PNG file, for tests of the PNG decoder and of documents with a logo. It applies
 * the row filters itself, so a test can check that the decoder reverses each of them.
 * Test-only code; nothing in the API imports it.
 */
export function encodePng(source: PngSource): Uint8Array {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[source.colorType];
  const pixelBytes = Math.max(1, (channels * source.bitDepth) / 8);
  const filters = source.filters ?? [0];
  const filtered = source.rows.map((row, index) => {
    const filter = filters[index % filters.length] as number;
    const previous = source.rows[index - 1];
    return Buffer.concat([Buffer.from([filter]), filterRow(row, previous, pixelBytes, filter)]);
  });
  const compressed = deflateSync(Buffer.concat(filtered));

  const header = Buffer.alloc(13);
  header.writeUInt32BE(source.width, 0);
  header.writeUInt32BE(source.height, 4);
  header[8] = source.bitDepth;
  header[9] = source.colorType;
  const chunks = [chunk('IHDR', header)];
  if (source.palette !== undefined) chunks.push(chunk('PLTE', source.palette));
  if (source.transparency !== undefined) chunks.push(chunk('tRNS', source.transparency));
  const parts = source.dataChunks ?? 1;
  const step = Math.ceil(compressed.length / parts);
  for (let start = 0; start < compressed.length; start += step) {
    chunks.push(chunk('IDAT', compressed.subarray(start, start + step)));
  }
  chunks.push(chunk('IEND', new Uint8Array()));
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]),
  );
}

/** Returns a 2 by 2 RGBA logo: red, green, blue and a half-transparent white. */
export function smallRgbaPng(): Uint8Array {
  return encodePng({
    width: 2,
    height: 2,
    colorType: 6,
    bitDepth: 8,
    rows: [
      Uint8Array.of(255, 0, 0, 255, 0, 255, 0, 255),
      Uint8Array.of(0, 0, 255, 255, 255, 255, 255, 128),
    ],
  });
}

function filterRow(
  row: Uint8Array,
  previous: Uint8Array | undefined,
  pixelBytes: number,
  filter: number,
): Uint8Array {
  const out = new Uint8Array(row.length);
  for (let index = 0; index < row.length; index += 1) {
    const left = index >= pixelBytes ? (row[index - pixelBytes] as number) : 0;
    const up = previous?.[index] ?? 0;
    const upLeft = index >= pixelBytes ? (previous?.[index - pixelBytes] ?? 0) : 0;
    let prediction = 0;
    if (filter === 1) prediction = left;
    if (filter === 2) prediction = up;
    if (filter === 3) prediction = (left + up) >> 1;
    if (filter === 4) {
      const estimate = left + up - upLeft;
      const toLeft = Math.abs(estimate - left);
      const toUp = Math.abs(estimate - up);
      const toUpLeft = Math.abs(estimate - upLeft);
      if (toLeft <= toUp && toLeft <= toUpLeft) prediction = left;
      else if (toUp <= toUpLeft) prediction = up;
      else prediction = upLeft;
    }
    out[index] = ((row[index] as number) - prediction) & 0xff;
  }
  return out;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
  let value = byte;
  for (let bit = 0; bit < 8; bit += 1) {
    value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  }
  return value >>> 0;
});

/** Computes the CRC-32 of a PNG chunk (ISO 3309, the same as zlib's). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
