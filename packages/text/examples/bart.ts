// BART denoising on Moby Dick: blocks of sentences are shuffled and 30% of their tokens are
// infilled with one <mask> per span; an encoder-decoder learns to write the original back.
// From packages/text: node --import tsx/esm examples/bart.ts
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import * as tf from '@selfsup/core/tf';
import { AdamW, createRandom, initBackend, train } from '@selfsup/core';
import { bart, bartDenoising, bartNoise, sentenceBlocks, splitSentences, TextTokenizer, trainByteLevelBpe } from '@selfsup/text';
import { loadMobyDick } from '@selfsup/text/node';

const backend = await initBackend();
const chapters = (await loadMobyDick()).slice(1, 31).map((chapter) => splitSentences(chapter.text));
// BART's special tokens in fairseq's order: <s> 0, <pad> 1, </s> 2, then <mask> 3.
const ids = { bosTokenId: 0, padTokenId: 1, eosTokenId: 2, maskTokenId: 3 };
const tokenizer = TextTokenizer.fromFiles(trainByteLevelBpe(chapters.flat(), { vocabSize: 2000, specialTokens: ['<s>', '<pad>', '</s>', '<mask>'] }));
const documents = chapters.map((sentences) => sentences.map((s) => tokenizer.encode(s)));

// Blocks of whole sentences of up to 46 tokens (+ <s> and </s>: 48 positions).
const model = bart({
  vocabularySize: tokenizer.vocabSize,
  encoderLength: 48,
  decoderLength: 48,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  units: 64,
  dropout: 0,
  seed: 0,
});
console.log(`BART on ${backend.name}: byte-level BPE ${tokenizer.vocabSize}`);
const result = await train({
  method: bartDenoising({ model, ...ids }), // BART-large's noise: all sentences permuted, 30% infilled with Poisson(3) spans
  data: sentenceBlocks({ documents, maxTokens: 46, batchSize: 16 }),
  optimizer: new AdamW({ learningRate: 1e-2 }),
  steps: 40,
});
console.log(`loss ${result.losses[0].toFixed(2)} -> ${result.losses.at(-1)?.toFixed(2)} (log V = ${Math.log(tokenizer.vocabSize).toFixed(2)})`);

// Two sentences corrupted, and the model's greedy reconstruction, one decoder step at a time.
const sentences = ['Call me Ishmael.', ' Some years ago I went to sea.'].map((s) => tokenizer.encode(s));
const example = bartNoise(sentences, createRandom(1), ids);
console.log(`input:  ${tokenizer.decode(example.inputs)}`);
console.log(`target: ${tokenizer.decode(example.targets)}`);
const encoderIds = tf.tensor2d([example.inputs], [1, example.inputs.length], 'int32');
const encoderMask = tf.ones([1, example.inputs.length]);
const written = [ids.eosTokenId]; // BART's decoder starts from </s>
while (written.length < 48 && (written.length === 1 || written.at(-1) !== ids.eosTokenId)) {
  const next = tf.tidy(() => {
    const logits = model.model.predict([encoderIds, encoderMask, tf.tensor2d([written], [1, written.length], 'int32')]) as tf.Tensor; // [1, t, V]
    return tf.argMax(tf.reshape(tf.slice(logits, [0, written.length - 1, 0], [1, 1, -1]), [-1])).dataSync()[0]; // the last position's best id
  });
  written.push(next);
}
console.log(`model:  ${tokenizer.decode(written.slice(1))}`);
