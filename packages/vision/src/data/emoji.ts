import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import type { LabelledImages } from './mnist.js';

/** Defaults of `loadEmoji`. */
export const EMOJI_DEFAULTS = Object.freeze({
  /** Side of the loaded images: the 64x64 PNGs are halved, the size of CIFAR-10. */
  size: 32,
  /** One image per emoji (no skin-tone variations), so a train/test split never puts the same drawing on both sides. */
  skinTones: false,
});

/**
 * Categories left out. "Component" holds only the five Fitzpatrick skin-tone swatches
 * (plain colour squares, not pictures): too few members for a class of a probe split.
 */
export const EMOJI_EXCLUDED_CATEGORIES: readonly string[] = ['Component'];

/** PNGs decoded at once: enough to keep sharp's thread pool busy, few enough to bound memory. */
const DECODE_CONCURRENCY = 8;

/** Emoji images with their labels and, per image, the emoji's name, subcategory and file. */
export interface EmojiImages extends LabelledImages {
  /** Lower-case name of each image's emoji ("cat face"). */
  names: string[];
  /** Unicode subcategory of each image ("animal-mammal"), a finer label than the category. */
  subcategories: string[];
  /** The PNG each image was decoded from. */
  files: string[];
}

export interface LoadEmojiOptions {
  /** Side of the square output images (sharp resizes the 64x64 PNGs). Default 32. */
  size?: number;
  /** Keep this many images, spread evenly over the whole (ordered) set so that every category is represented. Default: all. */
  limit?: number;
  /** Root of the emoji-datasource-google package (holding emoji.json and img/google/64). Default: the installed package. */
  directory?: string;
  /**
   * Also load the skin-tone variations (1,875 more images, all "People & Body", near-duplicates
   * of their base emoji in shape). Default false: one image per emoji, so a train/test split
   * never puts the same drawing on both sides.
   */
  skinTones?: boolean;
}

/** One entry of emoji.json (the fields read here). */
interface EmojiEntry {
  name: string;
  category: string;
  subcategory: string;
  image: string;
  has_img_google: boolean;
  sort_order: number;
  skin_variations?: Record<string, { image: string; has_img_google: boolean }>;
}

/**
 * Loads the Google emoji of the `emoji-datasource-google` npm package (images Apache-2.0,
 * data MIT): 1,906 colour images, 64x64 RGBA, labelled with one of 9 Unicode categories
 * (the 10 of emoji.json but "Component", see EMOJI_EXCLUDED_CATEGORIES). Entries without a
 * Google image are skipped.
 *
 * Pixels are uint8 RGB, NHWC: each PNG is composited over a white background with its
 * alpha (a transparent pixel becomes 255, 255, 255), then resized to `size` x `size` by
 * sharp (Lanczos). Images are in the Unicode order of emoji.json (`sort_order`, skin tones
 * right after their base emoji); labels index `classes`, the category names sorted
 * alphabetically. Nothing is fetched: the package ships the PNGs. A corrupt PNG throws an
 * error naming the file.
 *
 * @example
 * const emoji = await loadEmoji();               // 1,906 x 32 x 32 x 3, 9 classes
 * const few = await loadEmoji({ size: 64, limit: 128 });
 * console.log(few.classes[few.labels[0]], few.names[0]); // 'Smileys & Emotion' 'grinning face'
 */
export async function loadEmoji(options: LoadEmojiOptions = {}): Promise<EmojiImages> {
  const size = options.size ?? EMOJI_DEFAULTS.size;
  if (!Number.isInteger(size) || size <= 0) throw new Error(`loadEmoji: options.size must be a positive integer, got ${size}`);
  const limit = options.limit;
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) {
    throw new Error(`loadEmoji: options.limit must be a positive integer, got ${limit}`);
  }
  const directory = options.directory ?? emojiPackageDirectory();
  let selected = await listImages(directory, options.skinTones ?? EMOJI_DEFAULTS.skinTones);
  if (limit !== undefined && limit < selected.length) {
    const total = selected.length;
    selected = Array.from({ length: limit }, (_, i) => selected[Math.floor((i * total) / limit)]);
  }
  const classes = [...new Set(selected.map((s) => s.entry.category))].sort();
  const count = selected.length;
  const imageSize = size * size * 3;
  const pixels = new Uint8Array(count * imageSize);
  const files = selected.map((s) => join(directory, 'img', 'google', '64', s.image));

  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      pixels.set(await decodeEmoji(files[index], size), index * imageSize);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DECODE_CONCURRENCY, count) }, worker));

  return {
    pixels,
    count,
    height: size,
    width: size,
    channels: 3,
    labels: Int32Array.from(selected, (s) => classes.indexOf(s.entry.category)),
    classes,
    names: selected.map((s) => s.entry.name.toLowerCase()),
    subcategories: selected.map((s) => s.entry.subcategory),
    files,
  };
}

/** The images to load, in order: entries with a Google image, excluded categories left out. */
async function listImages(directory: string, skinTones: boolean): Promise<{ entry: EmojiEntry; image: string }[]> {
  const file = join(directory, 'emoji.json');
  let entries: EmojiEntry[];
  try {
    entries = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `loadEmoji: cannot read ${file} (${(error as Error).message.split('\n')[0]}); options.directory must be the root of the ` +
        'emoji-datasource-google package (npm install emoji-datasource-google)',
    );
  }
  if (!Array.isArray(entries)) throw new Error(`loadEmoji: ${file} must hold an array of emoji entries`);
  const images: { entry: EmojiEntry; image: string }[] = [];
  const ordered = entries
    .filter((e) => e && typeof e.image === 'string' && typeof e.category === 'string' && !EMOJI_EXCLUDED_CATEGORIES.includes(e.category))
    .sort((a, b) => a.sort_order - b.sort_order);
  for (const entry of ordered) {
    if (entry.has_img_google) images.push({ entry, image: entry.image });
    if (!skinTones || !entry.skin_variations) continue;
    for (const key of Object.keys(entry.skin_variations).sort()) {
      const variation = entry.skin_variations[key];
      if (variation.has_img_google) images.push({ entry, image: variation.image });
    }
  }
  if (images.length === 0) throw new Error(`loadEmoji: ${file} lists no emoji with a Google image`);
  return images;
}

/** One PNG as uint8 RGB [size, size, 3], composited over white. */
async function decodeEmoji(file: string, size: number): Promise<Buffer> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(file, { failOn: 'error' })
      .flatten({ background: '#ffffff' }) // alpha-composite over white, drops alpha
      .resize(size, size, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new Error(`loadEmoji: cannot decode ${file} (${(error as Error).message.split('\n')[0]}); expected a PNG image`);
  }
  const { data, info } = decoded;
  if (info.width !== size || info.height !== size || info.channels !== 3) {
    throw new Error(`loadEmoji: ${file} decoded to ${info.width}x${info.height}x${info.channels}, expected ${size}x${size}x3`);
  }
  return data;
}

/** Root of the installed emoji-datasource-google package, resolved only when needed. */
function emojiPackageDirectory(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('emoji-datasource-google/package.json'));
  } catch {
    throw new Error(
      'loadEmoji: the emoji-datasource-google package is not installed (npm install emoji-datasource-google), or pass options.directory',
    );
  }
}
