// The little of the PNG format the app package needs: write an 8-bit RGB(A) image, read an image's header back.

import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** PNG colour types (IHDR byte 9); 4 and 6 carry an alpha channel. */
const COLOR_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'greyscale',
  2: 'RGB',
  3: 'palette',
  4: 'greyscale with alpha',
  6: 'RGBA',
};

/** An 8-bit image, row by row, 3 (RGB) or 4 (RGBA) bytes per pixel. */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 3 | 4;
  readonly pixels: Uint8Array;
}

/** What Teams cares about in an icon, read from the IHDR chunk without decoding the pixels. */
export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly colorTypeName: string;
  /**
   * True when the image can be transparent: an alpha channel, or a tRNS chunk (palette or key colour).
   * Teams draws the outline icon over its own background, so an outline without this shows a solid square.
   */
  readonly hasTransparency: boolean;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** Encodes an image as a PNG: no interlace, filter 0 ("none") on every row, maximum deflate. */
export function encodePng(image: RasterImage): Buffer {
  const { width, height, channels, pixels } = image;
  const rowBytes = width * channels;
  if (pixels.length !== rowBytes * height) {
    throw new Error(`encodePng: expected ${rowBytes * height} bytes, got ${pixels.length}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = channels === 4 ? 6 : 2;
  const rows = Buffer.alloc((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    // Byte 0 of each row is the filter type; it stays 0.
    rows.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Reads a PNG's header; a string saying what is wrong when the bytes are not a PNG. */
export function readPngHeader(bytes: Uint8Array): PngHeader | string {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < 33 || !data.subarray(0, 8).equals(SIGNATURE)) return 'is not a PNG file';
  if (data.toString('ascii', 12, 16) !== 'IHDR')
    return 'is a damaged PNG: IHDR is not its first chunk';
  const colorType = data[25]!;
  let hasTransparency = colorType === 4 || colorType === 6;
  // Walk the chunks before the image data for a tRNS chunk.
  for (let at = 33; !hasTransparency && at + 8 <= data.length;) {
    const type = data.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT' || type === 'IEND') break;
    hasTransparency = type === 'tRNS';
    at += 12 + data.readUInt32BE(at);
  }
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24]!,
    colorType,
    colorTypeName: COLOR_TYPE_NAMES[colorType] ?? `colour type ${colorType}`,
    hasTransparency,
  };
}
