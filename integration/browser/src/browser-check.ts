// What the page computes and the test computes again in Node, from the same code: the
// embedding of fixed images by a saved encoder, the losses of a few SimCLR steps, and a
// saved GPT's next-token logits and greedy continuation of a prompt.
import { AdamW, batchLoader, createRandom, train } from '@selfsup/core';
import { CharacterTokenizer, type CharacterTokenizerJson, generate } from '@selfsup/text';
import { type LabelledImages, buildRecipe, selectImages } from '@selfsup/vision';
import * as tf from '@selfsup/core/tf';

/** Side of the synthetic images (and of the folder the test pretrains on). */
export const SIDE = 16;

/**
 * Seeded grayscale images: a bright square at a random place on faint noise.
 *
 * @example
 * const images = syntheticImages(8, 1); // 8 x 16 x 16 x 1, uint8
 */
export function syntheticImages(count: number, seed: number): LabelledImages {
  const random = createRandom(seed);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  for (let n = 0; n < count; n++) {
    const [top, left, size] = [random.integer(SIDE - 6), random.integer(SIDE - 6), 3 + random.integer(4)];
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const inside = y >= top && y < top + size && x >= left && x < left + size;
        pixels[(n * SIDE + y) * SIDE + x] = inside ? 230 : random.integer(40);
      }
    }
  }
  return { pixels, count, height: SIDE, width: SIDE, channels: 1, labels: new Int32Array(count), classes: ['all'] };
}

/**
 * The encoder's embedding of 4 fixed images, flattened.
 *
 * @example
 * const values = embed(await tf.loadLayersModel('/run/encoder/model.json')); // 4 x 64 numbers
 */
export function embed(encoder: tf.LayersModel): number[] {
  const { data } = selectImages(syntheticImages(4, 7), [0, 1, 2, 3]);
  return tf.tidy(() => Array.from((encoder.predict(tf.tensor4d(data, [4, SIDE, SIDE, 1])) as tf.Tensor).dataSync()));
}

/**
 * The losses of `steps` SimCLR steps of the recipe book on 32 synthetic images (seeded).
 *
 * @example
 * const losses = await simclrSteps(3); // [4.1, 3.9, 3.8]
 */
export async function simclrSteps(steps: number): Promise<number[]> {
  const images = syntheticImages(32, 1);
  const { method, encoder } = buildRecipe({ method: 'simclr', imageShape: [SIDE, SIDE, 1], totalSteps: steps, seed: 0 });
  const data = batchLoader({ size: images.count, batchSize: 16, load: (rows) => ({ images: selectImages(images, rows) }), dispose: () => {} });
  const { losses } = await train({ method, data, optimizer: new AdamW({ learningRate: 1e-3 }), steps, seed: 0 });
  method.dispose();
  encoder.dispose();
  return losses;
}

/** The prompt the saved GPT continues. */
export const PROMPT = 'the whale and the sea ';

/**
 * A GPT's logits for the token after `PROMPT` and its greedy continuation (20 tokens,
 * with the key/value cache), with the run's character tokenizer.
 *
 * @example
 * const { logits, text } = continuePrompt(await tf.loadLayersModel('/gpt/model.json'), await (await fetch('/gpt-tokenizer/characters.json')).json());
 */
export function continuePrompt(model: tf.LayersModel, characters: CharacterTokenizerJson): { logits: number[]; text: string } {
  const tokenizer = CharacterTokenizer.fromJSON(characters);
  const ids = tokenizer.encode(PROMPT);
  const logits = tf.tidy(() => {
    const all = model.predict(tf.tensor2d(ids, [1, ids.length], 'int32')) as tf.Tensor; // [1, T, V]
    return Array.from(tf.slice(all, [0, ids.length - 1, 0], [1, 1, tokenizer.vocabSize]).dataSync());
  });
  return { logits, text: tokenizer.decode(generate(model, ids, { maxNewTokens: 20, temperature: 0 })) };
}
