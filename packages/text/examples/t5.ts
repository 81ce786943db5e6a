// T5 span corruption on Moby Dick: blocks of sentences lose 15% of their tokens in spans of
// mean length 3, each replaced by a sentinel; an encoder-decoder learns to write the spans back.
// From packages/text: node --import tsx/esm examples/t5.ts
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import * as tf from '@selfsup/core/tf';
import { AdamW, createRandom, initBackend, train } from '@selfsup/core';
import {
  sentenceBlocks,
  spanCorruption,
  spanCorruptionDenoising,
  spanCorruptionLengths,
  splitSentences,
  t5,
  TextTokenizer,
  trainByteLevelBpe,
} from '@selfsup/text';
import { loadMobyDick } from '@selfsup/text/node';

const backend = await initBackend();
const chapters = (await loadMobyDick()).slice(1, 31).map((chapter) => splitSentences(chapter.text));
// T5's special tokens: <pad> (id 0, also the decoder's start) and </s> (id 1); the 100
// sentinels <extra_id_0..99> are the ids above the tokenizer's (the model's vocabulary is larger).
const tokenizer = TextTokenizer.fromFiles(trainByteLevelBpe(chapters.flat(), { vocabSize: 2000, specialTokens: ['<pad>', '</s>'] }));
const vocabularySize = tokenizer.vocabSize + 100;
const show = (ids: number[]) =>
  ids.map((id) => (id >= tokenizer.vocabSize ? ` <extra_id_${vocabularySize - 1 - id}>` : tokenizer.decode([id]))).join('');
const documents = chapters.map((sentences) => sentences.map((s) => tokenizer.encode(s)));

// Inputs of at most 64 tokens once corrupted: blocks of up to 70 tokens, targets of up to 17 (T5: 512, 568, 114).
const { tokens, targets } = spanCorruptionLengths(64);
const model = t5({
  vocabularySize,
  encoderLength: 64,
  decoderLength: targets,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  units: 64,
  dropout: 0,
  seed: 0,
});
console.log(`T5 on ${backend.name}: blocks of up to ${tokens} tokens, byte-level BPE ${tokenizer.vocabSize} + 100 sentinels`);
const result = await train({
  method: spanCorruptionDenoising({ model, padTokenId: 0, eosTokenId: 1 }),
  data: sentenceBlocks({ documents, maxTokens: tokens, batchSize: 16 }),
  optimizer: new AdamW({ learningRate: 1e-2 }),
  steps: 40,
});
console.log(`loss ${result.losses[0].toFixed(2)} -> ${result.losses.at(-1)?.toFixed(2)} (log V = ${Math.log(vocabularySize).toFixed(2)})`);

// One corrupted sentence and the model's greedy answer, one decoder step at a time.
const example = spanCorruption(documents[0][3], createRandom(1), { vocabSize: vocabularySize, eosTokenId: 1 });
console.log(`input:  ${show(example.inputs)}`);
console.log(`target: ${show(example.targets)}`);
const encoderIds = tf.tensor2d([example.inputs], [1, example.inputs.length], 'int32');
const encoderMask = tf.ones([1, example.inputs.length]);
const written = [0]; // the decoder starts from <pad>
while (written.length <= targets && written.at(-1) !== 1) {
  const next = tf.tidy(() => {
    const logits = model.model.predict([encoderIds, encoderMask, tf.tensor2d([written], [1, written.length], 'int32')]) as tf.Tensor; // [1, t, V]
    return tf.argMax(tf.reshape(tf.slice(logits, [0, written.length - 1, 0], [1, 1, -1]), [-1])).dataSync()[0]; // the last position's best id
  });
  written.push(next);
}
console.log(`model:  ${show(written.slice(1))}`);
