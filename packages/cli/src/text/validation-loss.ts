import { evaluateMethod } from '@selfsup/core';
import type { TextBatch, TextMethod, TextRecipe, TokenizedCorpus } from '@selfsup/text';
import { UsageError } from '../usage-error.js';

/** How a text run is evaluated: a few validation batches while training, more at the end, and a GPT's samples. */
export const TEXT_EVALUATION = Object.freeze({
  /** Validation batches at every monitor step (a quick, noisy figure for the curve). */
  monitorBatches: 4,
  /** Validation batches at the end (validation.json). */
  finalBatches: 32,
  /** Characters of a held-out document a GPT continues at every monitor step. */
  promptCharacters: 40,
  /** How the samples are drawn: 200 tokens, temperature 0.8, nucleus 0.95 (readable, not greedy loops). */
  sampling: Object.freeze({ maxNewTokens: 200, temperature: 0.8, topP: 0.95 }),
});

/** The mean objective on held-out documents. */
export interface ValidationLoss {
  /** Mean loss of the batches: nats per predicted token for GPT (per character with a character tokenizer). */
  loss: number;
  /** The mean of each named term of the loss (BERT: mlm and nsp), when the method names them. */
  terms: Record<string, number>;
  /** exp of the token-prediction loss: `loss`, or BERT's `mlm` term (its nsp term is not per token). */
  perplexity: number;
  /** Held-out sequences evaluated. */
  sequences: number;
  batches: number;
}

/**
 * The method's objective on validation documents, without a gradient: core's
 * `evaluateMethod` on the recipe's batches of the held-out corpus (epoch 0 of `seed`, each
 * batch prepared with its own fixed random stream, so the figure moves only with the
 * weights; the text recipes train without dropout). A validation corpus too small for one
 * batch is tried with smaller batches; too small for one sequence is a usage error.
 *
 * @example
 * const { loss, perplexity } = await validationLoss(method, recipe, validationCorpus, { contextLength: 64, batchSize: 64, specialTokens: {}, batches: 32, seed: 0 });
 */
export async function validationLoss(
  method: TextMethod<TextBatch>,
  recipe: TextRecipe,
  corpus: TokenizedCorpus,
  options: { contextLength: number; batchSize: number; specialTokens: Record<string, number>; batches: number; seed: number },
): Promise<ValidationLoss> {
  const { contextLength, specialTokens, seed } = options;
  let batchSize = options.batchSize;
  let data: ReturnType<TextRecipe['data']> | undefined;
  while (!data) {
    try {
      data = recipe.data(corpus, { contextLength, batchSize, specialTokens });
    } catch (error) {
      if (batchSize === 1) throw new UsageError(`the held-out documents are too short for one validation sequence: ${(error as Error).message}`);
      batchSize = Math.max(1, Math.floor(batchSize / 2));
    }
  }
  const { loss, terms, examples, batches } = await evaluateMethod(method, data, { batches: options.batches, seed });
  return { loss, terms, perplexity: Math.exp(terms.mlm ?? loss), sequences: examples, batches };
}
