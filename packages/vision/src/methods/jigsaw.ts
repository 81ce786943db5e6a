import * as tf from '@selfsup/core/tf';
import { maskedCrossEntropy, mlpHead } from '@selfsup/core';
import type { FloatImages } from '../data/select-images.js';
import { JIGSAW_TILES, jigsawPermutations } from './jigsaw-permutations.js';
import { type VisionMethod, trainableVariablesOf } from './views.js';

/** Cells per side of the puzzle: a 3x3 grid (JIGSAW_TILES = 9 tiles). */
export const JIGSAW_GRID = 3;

/** The largest permutation set: every order of the 9 tiles (9! = 362,880). */
const MAX_PERMUTATIONS = 362_880;

/**
 * Defaults of `jigsaw` (Noroozi & Favaro 2016).
 * - `permutations`: 100, not the paper's 1000. The paper trains on ImageNet with 64-pixel
 *   tiles; on MNIST-sized images the tiles are 7 pixels and the corner tiles often blank,
 *   so 1000 classes leave a batch of 256 with a quarter of an example per class. A set of
 *   100 also keeps every two puzzles at least 6 of 9 tiles apart (4 for 1000), and is
 *   selected in ~30 ms (0.5 s for 1000). Pass `permutations: 1000` for the paper's task.
 * - `hiddenUnits`: 4096, the paper's fc7 (after the concatenated tile embeddings).
 * - `tileFraction`: 64 / 85, the paper's 64-pixel tile inside an 85-pixel cell: the tile
 *   moves by up to 21 pixels in its cell, so edges of adjacent tiles do not line up and the
 *   network cannot solve the puzzle by continuing lines across borders. It gives 7-pixel
 *   tiles in the 9-pixel cells of a 28x28 digit.
 * - `permutationSeed`: 0, the seed of the permutation set (fixed for a run and its resumes).
 */
export const JIGSAW_DEFAULTS = Object.freeze({ permutations: 100, hiddenUnits: 4096, tileFraction: 64 / 85, permutationSeed: 0 });

export interface JigsawOptions {
  /** The tile encoder, shared by the 9 tiles; input [B, tileSize, tileSize, C] (e.g. `convNet({ inputShape: [null, null, 1] })`), output [B, D] with D fixed. */
  encoder: tf.LayersModel;
  /** Size of the permutation set (classes of the puzzle), in [2, 362880]. Default 100. */
  permutations?: number;
  /** Side of the square tiles in pixels, at most the cell side. Default round(64 / 85 × cell side). */
  tileSize?: number;
  /** Hidden width of the classifier head. Default 4096. */
  hiddenUnits?: number;
  /** Seed of the permutation set. Default 0. */
  permutationSeed?: number;
  /** Seed of the heads' initial weights (see `WeightSeeds`). Default 0. */
  seed?: number;
}

/**
 * The jigsaw puzzle pretext task (Noroozi & Favaro 2016, "Unsupervised Learning of Visual
 * Representations by Solving Jigsaw Puzzles"). Each image is cut into a 3x3 grid of cells
 * and a `tileSize` tile is taken at a random offset in each cell; the tiles are shuffled by
 * a permutation drawn from a fixed set (`jigsawPermutations`); the shared encoder embeds
 * every tile alone (the paper's siamese "context-free network"); the 9 embeddings,
 * concatenated in shuffled order, go through an MLP head (dense + ReLU, dense) that
 * classifies which permutation was used. Loss: cross-entropy; metric: `accuracy`.
 *
 * The step's seeded random draws, per image, the permutation index, then the tile offsets.
 * Left out: the paper's per-tile normalisation and colour jitter (the encoder is probed on
 * raw full images, so its tiles keep their pixel scale).
 *
 * Shapes: images [B, H, W, C] → tiles [B × 9, T, T, C] → embeddings [B × 9, D] →
 * puzzles [B, 9 × D] → logits [B, permutations].
 *
 * @example
 * const method = jigsaw({ encoder: convNet({ inputShape: [null, null, 1] }), permutations: 100 });
 */
export function jigsaw(options: JigsawOptions): VisionMethod {
  if (options === null || typeof options !== 'object')
    throw new Error('jigsaw: expected an options object { encoder, permutations?, tileSize?, hiddenUnits?, permutationSeed? }');
  const { encoder } = options;
  // Duck-typed rather than instanceof, so that a model from another copy of tfjs passes.
  if (typeof encoder?.apply !== 'function' || !Array.isArray(encoder.inputs) || !Array.isArray(encoder.outputs)) {
    throw new Error('jigsaw: encoder must be a tf.LayersModel (with apply, inputs and outputs)');
  }
  const count = options.permutations ?? JIGSAW_DEFAULTS.permutations;
  if (!Number.isInteger(count) || count < 2 || count > MAX_PERMUTATIONS) {
    throw new Error(`jigsaw: permutations must be an integer in [2, ${MAX_PERMUTATIONS}] (9! orders of 9 tiles), got ${String(count)}`);
  }
  const hiddenUnits = options.hiddenUnits ?? JIGSAW_DEFAULTS.hiddenUnits;
  if (!Number.isInteger(hiddenUnits) || hiddenUnits < 1)
    throw new Error(`jigsaw: hiddenUnits must be a positive integer, got ${String(hiddenUnits)}`);
  if (options.tileSize !== undefined && !(Number.isInteger(options.tileSize) && options.tileSize > 0)) {
    throw new Error(`jigsaw: tileSize must be a positive integer, got ${String(options.tileSize)}`);
  }
  const permutationSeed = options.permutationSeed ?? JIGSAW_DEFAULTS.permutationSeed;
  if (!Number.isInteger(permutationSeed)) throw new Error(`jigsaw: permutationSeed must be an integer, got ${String(permutationSeed)}`);
  const embeddingUnits = encoderEmbeddingUnits(encoder);
  const permutations = jigsawPermutations({ count, seed: permutationSeed });
  const head = mlpHead({
    inputUnits: JIGSAW_TILES * embeddingUnits,
    blocks: [{ units: hiddenUnits, activation: 'relu' }, { units: count }],
    name: 'jigsaw_head',
    seed: options.seed ?? 0,
  });
  return {
    name: 'jigsaw',
    encoder,
    trainableVariables: () => trainableVariablesOf(encoder, head),
    prepare({ images }, { random }) {
      const tileSize = options.tileSize ?? defaultTileSize(images);
      checkGridFits('jigsaw', images, tileSize);
      checkEncoderInput(encoder, tileSize, images.channels);
      const classes = Int32Array.from({ length: images.batch }, () => random.integer(count));
      const orders = Array.from(classes, (index) => permutations[index]);
      const tiles = cutJigsawTiles(images, { tileSize, orders, uniform: () => random.next() });
      // [B, 9, T, T, C]: the examples stay on axis 0, so a worker gets whole puzzles.
      return [tf.tensor5d(tiles.data, [images.batch, JIGSAW_TILES, tileSize, tileSize, images.channels]), tf.tensor1d(classes, 'int32')];
    },
    forward([puzzleTiles], context) {
      const [batch, , tileSize, , channels] = puzzleTiles.shape;
      const tiles = tf.reshape(puzzleTiles, [batch * JIGSAW_TILES, tileSize, tileSize, channels]); // [B * 9, T, T, C]
      // Nine rows per example: the tiles' place in the batch is nine times the puzzles'.
      const tileContext = { ...context, offset: JIGSAW_TILES * context.offset, batchSize: JIGSAW_TILES * context.batchSize };
      const embeddings = encoder.apply(tiles, { training: true, context: tileContext }) as tf.Tensor2D; // [B * 9, D]
      const puzzles = tf.reshape(embeddings, [batch, JIGSAW_TILES * embeddingUnits]); // [B, 9 * D], tiles in shuffled order
      return [head.apply(puzzles, { training: true, context }) as tf.Tensor2D]; // [B, P]
    },
    loss([logits], [, labels]) {
      const loss = maskedCrossEntropy(logits as tf.Tensor2D, labels as tf.Tensor1D);
      const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(logits, -1), labels), 'float32')) as tf.Scalar;
      return { loss, terms: { crossEntropy: loss }, metrics: { accuracy } };
    },
    models: () => ({ encoder, head }),
    dispose: () => head.dispose(),
  };
}

export interface JigsawTilesOptions {
  /** Side of the square tiles in pixels: at least 1, at most the cell side (floor(side / 3)). */
  tileSize: number;
  /** One permutation of 0..8 per image: position i of its puzzle holds cell orders[n][i] (cells row by row). */
  orders: ArrayLike<ArrayLike<number>>;
  /** Uniform numbers in [0, 1): two per cell (row, then column offset), cells 0..8, image by image. */
  uniform: () => number;
}

/**
 * Cuts each image into a jigsaw puzzle: a 3x3 grid of cells of floor(H / 3) × floor(W / 3)
 * pixels, centred (the leftover rows and columns are dropped, split between both sides);
 * in each cell a `tileSize` square at offset floor(u × (cell − tileSize + 1)) per axis; the
 * 9 tiles are returned in the image's shuffled order. With tiles as large as the cells
 * there is no jitter, and the identity order gives back the centred grid.
 *
 * Shape: images [B, H, W, C] → tiles [B × 9, tileSize, tileSize, C]; tile n × 9 + i is
 * position i of image n's puzzle.
 *
 * @example
 * const tiles = cutJigsawTiles(images, { tileSize: 7, orders: [[8, 7, 6, 5, 4, 3, 2, 1, 0]], uniform: Math.random });
 */
export function cutJigsawTiles(images: FloatImages, options: JigsawTilesOptions): FloatImages {
  const { batch, height, width, channels } = images;
  const { tileSize, orders, uniform } = options;
  if (!Number.isInteger(tileSize) || tileSize < 1) throw new Error(`cutJigsawTiles: tileSize must be a positive integer, got ${String(tileSize)}`);
  checkGridFits('cutJigsawTiles', images, tileSize);
  const cellHeight = Math.floor(height / JIGSAW_GRID);
  const cellWidth = Math.floor(width / JIGSAW_GRID);
  if (orders.length !== batch) throw new Error(`cutJigsawTiles: expected one order per image (${batch}), got ${orders.length}`);
  const top = Math.floor((height - JIGSAW_GRID * cellHeight) / 2);
  const left = Math.floor((width - JIGSAW_GRID * cellWidth) / 2);
  const tileLength = tileSize * tileSize * channels;
  const data = new Float32Array(batch * JIGSAW_TILES * tileLength);
  const cellY = new Int32Array(JIGSAW_TILES);
  const cellX = new Int32Array(JIGSAW_TILES);
  for (let n = 0; n < batch; n++) {
    const order = checkedOrder(orders[n], n);
    for (let cell = 0; cell < JIGSAW_TILES; cell++) {
      const row = Math.floor(cell / JIGSAW_GRID);
      const column = cell % JIGSAW_GRID;
      cellY[cell] = top + row * cellHeight + Math.floor(uniform() * (cellHeight - tileSize + 1));
      cellX[cell] = left + column * cellWidth + Math.floor(uniform() * (cellWidth - tileSize + 1));
    }
    for (let position = 0; position < JIGSAW_TILES; position++) {
      const cell = order[position];
      const target = (n * JIGSAW_TILES + position) * tileLength;
      for (let y = 0; y < tileSize; y++) {
        const source = ((n * height + cellY[cell] + y) * width + cellX[cell]) * channels;
        data.set(images.data.subarray(source, source + tileSize * channels), target + y * tileSize * channels);
      }
    }
  }
  return { data, batch: batch * JIGSAW_TILES, height: tileSize, width: tileSize, channels };
}

/** The order of image n, checked to be a permutation of 0..8. */
function checkedOrder(order: ArrayLike<number> | undefined, n: number): ArrayLike<number> {
  const seen = new Uint8Array(JIGSAW_TILES);
  let valid = order !== undefined && order.length === JIGSAW_TILES;
  for (let position = 0; valid && order && position < JIGSAW_TILES; position++) {
    const cell = order[position];
    valid = Number.isInteger(cell) && cell >= 0 && cell < JIGSAW_TILES && !seen[cell];
    if (valid) seen[cell] = 1;
  }
  if (!valid || !order)
    throw new Error(
      `cutJigsawTiles: orders[${n}] must be a permutation of 0..${JIGSAW_TILES - 1}, got ${order ? `[${Array.from(order).join(', ')}]` : String(order)}`,
    );
  return order;
}

/** Throws, naming `fn`, unless a 3x3 grid of cells of at least `tileSize` pixels fits the images. */
function checkGridFits(fn: string, images: FloatImages, tileSize: number): void {
  const { height, width } = images;
  if (Math.floor(height / JIGSAW_GRID) < tileSize || Math.floor(width / JIGSAW_GRID) < tileSize) {
    const side = JIGSAW_GRID * tileSize;
    throw new Error(
      `${fn}: ${height}x${width} images are too small for a ${JIGSAW_GRID}x${JIGSAW_GRID} grid of ${tileSize}-pixel tiles (need at least ${side}x${side})`,
    );
  }
}

/** round(64 / 85 × the cell side), the paper's tile-to-cell ratio; at least 1 pixel. */
function defaultTileSize(images: FloatImages): number {
  const cell = Math.floor(Math.min(images.height, images.width) / JIGSAW_GRID);
  if (cell < 1)
    throw new Error(
      `jigsaw: ${images.height}x${images.width} images are too small for a ${JIGSAW_GRID}x${JIGSAW_GRID} grid (need at least ${JIGSAW_GRID}x${JIGSAW_GRID})`,
    );
  return Math.max(1, Math.round(cell * JIGSAW_DEFAULTS.tileFraction));
}

/** D of an encoder that outputs [B, D]; throws, naming jigsaw, for any other output. */
function encoderEmbeddingUnits(encoder: tf.LayersModel): number {
  const shape = encoder.outputs[0].shape;
  const units = shape[1];
  if (shape.length !== 2 || typeof units !== 'number') {
    throw new Error(
      `jigsaw: encoder must output [B, D] with a fixed width D (the tile embeddings are concatenated), got output shape [${shape.map(String).join(', ')}]`,
    );
  }
  return units;
}

/** Throws unless the encoder accepts [B, tileSize, tileSize, channels] tiles. */
function checkEncoderInput(encoder: tf.LayersModel, tileSize: number, channels: number): void {
  const shape = encoder.inputs[0].shape;
  const [, height, width, inputChannels] = shape;
  const fits = (side: number | null) => side === null || side === tileSize;
  if (shape.length !== 4 || !fits(height) || !fits(width) || (inputChannels !== null && inputChannels !== channels)) {
    throw new Error(
      `jigsaw: encoder takes inputs [${shape.map(String).join(', ')}] but the tiles are [B, ${tileSize}, ${tileSize}, ${channels}]; build it with inputShape [null, null, ${channels}] (e.g. convNet({ inputShape: [null, null, ${channels}] }))`,
    );
  }
}
