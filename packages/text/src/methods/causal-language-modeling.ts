import * as tf from '@selfsup/core/tf';
import { maskedCrossEntropy, trainableVariablesOf } from '@selfsup/core';
import type { TextMethod } from './text-method.js';

export interface CausalLanguageModelingOptions {
  /** A decoder-only language model: ids [B, T] to logits [B, T, V] (`gpt()`). */
  model: tf.LayersModel;
}

/**
 * Causal language modelling (GPT, Radford et al. 2018/2019): predict every next token of
 * windows of T + 1 tokens from the T before it; the loss is the mean cross-entropy in nats
 * per token (its exponential is the perplexity). No state.
 *
 * @example
 * const model = gpt({ vocabularySize: tokenizer.vocabularySize, contextLength: 64, layers: 4, heads: 4, units: 128, dropout: 0 });
 * const method = causalLanguageModeling({ model });
 * await train({ method, data: tokenWindows({ tokens, contextLength: 64, batchSize: 64 }), optimizer: new AdamW({ learningRate: 1e-3 }), steps: 2000 });
 */
export function causalLanguageModeling({ model }: CausalLanguageModelingOptions): TextMethod {
  return {
    name: 'gpt',
    encoder: model,
    trainableVariables: () => trainableVariablesOf(model),
    prepare: ({ sequences }) => {
      const length = sequences[0]?.length ?? 0;
      if (length < 2 || sequences.some((s) => s.length !== length)) {
        throw new Error(
          `causalLanguageModeling: a batch must hold windows of one length >= 2 (T + 1 tokens), got lengths ${[...new Set(sequences.map((s) => s.length))].join(', ')}`,
        );
      }
      const windows = tf.tensor2d(sequences.flat(), [sequences.length, length], 'int32'); // [B, T + 1]
      const inputs = tf.slice(windows, [0, 0], [sequences.length, length - 1]); // [B, T]
      const targets = tf.slice(windows, [0, 1], [sequences.length, length - 1]); // [B, T]
      windows.dispose();
      return [inputs, targets];
    },
    forward: ([inputs], context) => [model.apply(inputs, { training: true, context }) as tf.Tensor3D], // [B, T, V]
    loss: ([logits], [, targets]) => {
      const loss = maskedCrossEntropy(logits, targets);
      return { loss, terms: { nextToken: loss } };
    },
    models: () => ({ encoder: model }),
    dispose: () => {},
  };
}
