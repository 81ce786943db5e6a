import sharp, { type OutputInfo } from 'sharp';
import { ImageDecodeError } from './image-decode-error.js';

export interface LoadImageOptions {
  /** Output size [height, width]: the image is resized to cover it, then centre-cropped. */
  size: [number, number];
  /** 1 (luma) or 3 (sRGB). Alpha is flattened onto white, as most viewers show it. */
  channels: 1 | 3;
}

/**
 * Decodes an image file (PNG, JPEG, WebP) with sharp into float32 [0, 1] HWC pixels of the
 * requested size and channel count. A corrupt or unsupported file throws an
 * `ImageDecodeError` naming it; bad options throw a plain Error.
 *
 * @example
 * const pixels = await loadImage('photos/cat/001.jpg', { size: [32, 32], channels: 3 }); // Float32Array(3072)
 */
export async function loadImage(file: string, options: LoadImageOptions): Promise<Float32Array> {
  const [height, width] = options.size;
  if (!Number.isInteger(height) || !Number.isInteger(width) || height <= 0 || width <= 0) {
    throw new Error(`loadImage: size must be [height, width] of positive integers, got [${options.size}]`);
  }
  if (options.channels !== 1 && options.channels !== 3) throw new Error(`loadImage: channels must be 1 or 3, got ${options.channels}`);
  let pipeline = sharp(file, { failOn: 'error' })
    .rotate() // honour EXIF orientation
    .flatten({ background: '#ffffff' })
    .resize(width, height, { fit: 'cover', position: 'centre' });
  pipeline = options.channels === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await pipeline.raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageDecodeError(file, (error as Error).message.split('\n')[0]);
  }
  const { data, info } = decoded;
  if (info.width !== width || info.height !== height || info.channels !== options.channels) {
    throw new Error(`loadImage: ${file} decoded to ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x${options.channels}`);
  }
  const pixels = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) pixels[i] = data[i] / 255;
  return pixels;
}
