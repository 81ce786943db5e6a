import * as tf from '@selfsup/core/tf';
import { maskedCrossEntropy, type SeededRandom, trainableVariablesOf } from '@selfsup/core';
import { type EncoderDecoderModels, encoderDecoderLengths } from '../models/encoder-decoder.js';
import { padBatch, padSequences } from '../objectives/pad-batch.js';
import { maskedAccuracy } from './masked-accuracy.js';
import type { TextMethod } from './text-method.js';

/** One corrupted example: what the encoder reads and what the decoder writes. */
export interface CorruptedSequence {
  inputs: readonly number[];
  targets: readonly number[];
}

export interface SequenceToSequenceMethodOptions<Batch> {
  /** The method's name (logs, checkpoints) and the checkpoint's name of the model. */
  name: string;
  /** The public function, named in errors. */
  fn: string;
  model: EncoderDecoderModels;
  padTokenId: number;
  /** First decoder input, before the first target (T5: the pad id; BART: EOS). */
  decoderStartTokenId: number;
  /** Name of the loss term. */
  term: string;
  /** The corrupted examples of a batch, drawn from `random`. */
  corrupt(batch: Batch, random: SeededRandom): CorruptedSequence[];
}

/**
 * The tensors of corrupted examples for an encoder-decoder: encoder ids [B, S] (padded
 * with `padTokenId`) and their padding mask [B, S] float32; decoder inputs [B, T] = the
 * targets shifted right behind `decoderStartTokenId` (teacher forcing), padded with
 * `padTokenId`; targets [B, T] padded with -100 (ignored by the loss). An input longer
 * than `encoderLength` loses the tokens before its last one (EOS), a rare case of BART's
 * inserted masks; a target longer than `decoderLength` is an error.
 *
 * @example
 * const [encoderIds, encoderMask, decoderIds, targets] = sequenceToSequenceTensors([{ inputs: [5, 99, 1], targets: [99, 6, 1] }], { padTokenId: 0, decoderStartTokenId: 0, encoderLength: 8, decoderLength: 8, fn: 'example' });
 * // decoderIds [[0, 99, 6]], targets [[99, 6, 1]]
 */
export function sequenceToSequenceTensors(
  examples: readonly CorruptedSequence[],
  options: { padTokenId: number; decoderStartTokenId: number; encoderLength: number; decoderLength: number; fn: string },
): tf.Tensor[] {
  const { padTokenId, decoderStartTokenId, encoderLength, decoderLength, fn } = options;
  if (examples.length === 0) throw new Error(`${fn}: a batch must hold at least one example`);
  const inputs = examples.map(({ inputs }) =>
    inputs.length > encoderLength ? [...inputs.slice(0, encoderLength - 1), inputs[inputs.length - 1]] : inputs,
  );
  const longest = Math.max(...examples.map(({ targets }) => targets.length));
  if (longest > decoderLength) {
    throw new Error(
      `${fn}: a target of ${longest} tokens exceeds the decoder's ${decoderLength} positions (decoderLength): give the data shorter blocks`,
    );
  }
  const { tokenIds, attentionMask } = padBatch(inputs, { padTokenId }); // [B, S] x 2
  const encoderMask = tf.cast(attentionMask, 'float32'); // [B, S]
  attentionMask.dispose();
  const decoderIds = padSequences(
    examples.map(({ targets }) => [decoderStartTokenId, ...targets.slice(0, -1)]),
    { padValue: padTokenId },
  ); // [B, T]
  const targets = padSequences(
    examples.map((e) => e.targets),
    { padValue: -100 },
  ); // [B, T]
  return [tokenIds, encoderMask, decoderIds, targets];
}

/**
 * A denoising method of an encoder-decoder (T5's span corruption, BART's denoising): the
 * data side (`corrupt`) differs, the rest is one: `prepare` corrupts the batch with the
 * step's `context.random` and makes `sequenceToSequenceTensors`; `forward` runs the model
 * with teacher forcing on (a slice of) them; the loss is the targets' mean cross-entropy
 * (padding ignored), with their token accuracy as a metric. No state.
 *
 * @example
 * const method = sequenceToSequenceMethod({ name: 'bart', fn: 'bartDenoising', model, padTokenId: 1, decoderStartTokenId: 2, term: 'reconstruction', corrupt: ({ blocks }, random) => blocks.map((b) => bartNoise(b, random, ids)) });
 */
export function sequenceToSequenceMethod<Batch>(options: SequenceToSequenceMethodOptions<Batch>): TextMethod<Batch> {
  const { name, fn, model: models, padTokenId, decoderStartTokenId, term, corrupt } = options;
  const { model, encoder } = models;
  const vocabularySize = model.outputs[0].shape[2] as number;
  for (const [option, id] of Object.entries({ padTokenId, decoderStartTokenId })) {
    if (!Number.isInteger(id) || id < 0 || id >= vocabularySize)
      throw new Error(`${fn}: ${option} must be an integer in [0, ${vocabularySize}), got ${id}`);
  }
  const lengths = { padTokenId, decoderStartTokenId, fn, ...encoderDecoderLengths(model) };
  return {
    name,
    encoder,
    trainableVariables: () => trainableVariablesOf(model),
    prepare: (batch, { random }) => sequenceToSequenceTensors(corrupt(batch, random), lengths),
    forward: ([encoderIds, encoderMask, decoderIds], context) => [
      model.apply([encoderIds, encoderMask, decoderIds], { training: true, context }) as tf.Tensor3D, // [B, T, V]
    ],
    loss: ([logits], [, , , targets]) => {
      const loss = maskedCrossEntropy(logits, targets);
      return { loss, terms: { [term]: loss }, metrics: { accuracy: maskedAccuracy(logits, targets) } };
    },
    models: () => ({ [name]: model }),
    dispose: () => {},
  };
}
