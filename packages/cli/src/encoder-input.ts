import { recipeFor, splitLightnessAndColor } from '@selfsup/vision';
import type { ImageShape } from '@selfsup/vision';
import type { CliDataset, ImageSplit } from './datasets.js';
import { UsageError } from './usage-error.js';

/**
 * What a method's encoder sees: the images themselves, or (colorization) their lightness
 * only, the channel it learns to colour from. Probes and `selfsup embed` feed the encoder
 * the same input.
 */
export type EncoderInput = 'image' | 'lightness';

/**
 * The encoder input of a method on images of `shape`. Colorization needs colour images: on
 * one channel there is no colour to predict, so it does not apply (a usage error says so).
 *
 * @example
 * encoderInputFor('colorization', [32, 32, 3]); // 'lightness'
 */
export function encoderInputFor(method: string, shape: ImageShape): EncoderInput {
  if (recipeFor(method).encoderInput === 'image') return 'image';
  if (shape[2] !== 3) {
    throw new UsageError(
      `--method colorization needs colour images, but the dataset's images have ${shape[2]} channel(s): on grayscale data such as MNIST there is no colour to predict (try --dataset emoji)`,
    );
  }
  return 'lightness';
}

/**
 * The shape of the encoder's input for images of `shape`.
 *
 * @example
 * encoderShape('lightness', [32, 32, 3]); // [32, 32, 1]
 */
export function encoderShape(input: EncoderInput, shape: ImageShape): ImageShape {
  return input === 'lightness' ? [shape[0], shape[1], 1] : shape;
}

/**
 * A split whose images arrive as the encoder expects them (lightness L/100 for colorization).
 *
 * @example
 * const test = encoderSplit('lightness', dataset.test!);
 */
export function encoderSplit(input: EncoderInput, split: ImageSplit): ImageSplit {
  if (input === 'image') return split;
  return {
    ...split,
    load: async (indices, options) => {
      const loaded = await split.load(indices, options);
      return { ...loaded, images: splitLightnessAndColor(loaded.images, 1).lightness };
    },
  };
}

/**
 * A dataset whose splits deliver the encoder's input.
 *
 * @example
 * const probed = encoderDataset('lightness', dataset);
 */
export function encoderDataset(input: EncoderInput, dataset: CliDataset): CliDataset {
  if (input === 'image') return dataset;
  return {
    ...dataset,
    shape: encoderShape(input, dataset.shape),
    train: encoderSplit(input, dataset.train),
    test: dataset.test && encoderSplit(input, dataset.test),
  };
}
