// Draws the app's two Teams icons (a shopping bag) and writes them to manifest/: run once, commit the PNGs.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodePng, type RasterImage } from './appPackage/png.js';

/** Fluent 2 "communication blue", the colour of the color icon's square (and the manifest's accentColor). */
const BRAND_BLUE = [0x0f, 0x6c, 0xbd] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** Samples per pixel along each axis: 4x4 samples give smooth edges without a rasterizer library. */
const SUPERSAMPLE = 4;

function insideRoundedRect(
  x: number,
  y: number,
  [left, top, right, bottom]: readonly [number, number, number, number],
  radius: number,
): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const dx = Math.max(left + radius - x, 0, x - (right - radius));
  const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function distance(x: number, y: number, cx: number, cy: number): number {
  return Math.hypot(x - cx, y - cy);
}

/**
 * The shopping bag in a unit square: a body that widens towards the bottom, a handle arc above it and
 * two eyelets where the handle goes in. The slant and the eyelets keep it from reading as a padlock.
 */
function insideBag(x: number, y: number): boolean {
  const top = 0.36;
  const bottom = 0.92;
  const eyeletX = 0.17;
  for (const side of [-1, 1]) {
    if (distance(x, y, 0.5 + side * eyeletX, 0.48) <= 0.038) return false;
  }
  const halfWidth = 0.29 + ((y - top) / (bottom - top)) * 0.09;
  if (Math.abs(x - 0.5) <= halfWidth && insideRoundedRect(x, y, [0.12, top, 0.88, bottom], 0.08)) {
    return true;
  }
  const r = distance(x, y, 0.5, top);
  return y <= top && r >= eyeletX - 0.032 && r <= eyeletX + 0.032;
}

/** Where the unit-square glyph lands in the icon, in pixels. */
interface Placement {
  readonly left: number;
  readonly top: number;
  readonly size: number;
}

/**
 * Renders the glyph in white, optionally on a rounded blue square; everything else stays transparent.
 * Colours are accumulated premultiplied, so the anti-aliased edges blend correctly.
 */
function drawIcon(size: number, glyph: Placement, square?: { radius: number }): RasterImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let alpha = 0;
      const sum = [0, 0, 0];
      for (let s = 0; s < samples; s++) {
        const x = px + ((s % SUPERSAMPLE) + 0.5) / SUPERSAMPLE;
        const y = py + (Math.floor(s / SUPERSAMPLE) + 0.5) / SUPERSAMPLE;
        const inGlyph = insideBag((x - glyph.left) / glyph.size, (y - glyph.top) / glyph.size);
        const inSquare = square && insideRoundedRect(x, y, [0, 0, size, size], square.radius);
        const colour = inGlyph ? WHITE : inSquare ? BRAND_BLUE : undefined;
        if (!colour) continue;
        alpha++;
        for (let c = 0; c < 3; c++) sum[c]! += colour[c]!;
      }
      const at = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[at + c] = alpha ? Math.round(sum[c]! / alpha) : 0;
      pixels[at + 3] = Math.round((alpha / samples) * 255);
    }
  }
  return { width: size, height: size, channels: 4, pixels };
}

/** The 192x192 color icon: the bag in white on the blue rounded square, inside Teams' central safe area. */
export function drawColorIcon(): RasterImage {
  return drawIcon(192, { left: 40, top: 36, size: 112 }, { radius: 40 });
}

/** The 32x32 outline icon: the same bag, white on transparent, filling the frame as Teams asks. */
export function drawOutlineIcon(): RasterImage {
  return drawIcon(32, { left: -3, top: -4, size: 38 });
}

function main(): void {
  const dir = join(import.meta.dirname, '..', 'manifest');
  for (const [file, image] of [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const) {
    const png = encodePng(image);
    writeFileSync(join(dir, file), png);
    process.stdout.write(`manifest/${file}: ${image.width}x${image.height}, ${png.length} bytes\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
