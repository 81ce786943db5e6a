import sharp from 'sharp';
import type { FloatImages } from '@selfsup/vision';

/** Pixels between tiles of the grid. */
const GAP = 2;

/**
 * Lays out images as a PNG grid: one row per batch (the originals first, then each view),
 * one column per image, each tile enlarged `scale` times (nearest neighbour) on white.
 *
 * @example
 * const png = await viewsGridPng([originals, view1, view2], 3); // Buffer of a PNG
 */
export async function viewsGridPng(rows: FloatImages[], scale = 3): Promise<Buffer> {
  if (rows.length === 0) throw new Error('viewsGridPng: rows must hold at least one batch');
  const columns = Math.max(...rows.map((r) => r.batch));
  const tile = Math.max(...rows.map((r) => Math.max(r.height, r.width))) * scale;
  const width = columns * (tile + GAP) + GAP;
  const height = rows.length * (tile + GAP) + GAP;
  const canvas = new Uint8Array(width * height * 3).fill(255);
  rows.forEach((images, row) => {
    const { height: h, width: w, channels } = images;
    for (let n = 0; n < images.batch; n++) {
      const top = GAP + row * (tile + GAP);
      const left = GAP + n * (tile + GAP);
      for (let y = 0; y < h * scale; y++) {
        for (let x = 0; x < w * scale; x++) {
          const source = ((n * h + Math.floor(y / scale)) * w + Math.floor(x / scale)) * channels;
          const target = ((top + y) * width + left + x) * 3;
          for (let c = 0; c < 3; c++) canvas[target + c] = Math.round(255 * images.data[source + (channels === 3 ? c : 0)]);
        }
      }
    }
  });
  return sharp(canvas, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
