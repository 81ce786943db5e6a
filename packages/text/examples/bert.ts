// BERT pre-training on Moby Dick: masked language modelling + next sentence prediction on
// pairs of sentences, with a WordPiece tokenizer trained here; then the model fills in a [MASK].
// From packages/text: node --import tsx/esm examples/bert.ts
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import * as tf from '@selfsup/core/tf';
import { AdamW, initBackend, type StepReport, train } from '@selfsup/core';
import { bert, bertTokenIds, maskedLanguageModeling, sentencePairs, splitSentences, TextTokenizer, trainWordPiece } from '@selfsup/text';
import { loadMobyDick } from '@selfsup/text/node';

const backend = await initBackend();
const chapters = (await loadMobyDick()).slice(1, 31).map((chapter) => splitSentences(chapter.text));
const tokenizer = TextTokenizer.fromFiles(trainWordPiece(chapters.flat(), { vocabSize: 2000 }));
// Documents as sentences of token ids without [CLS]/[SEP]: the method packs the pairs.
const documents = chapters.map((sentences) => sentences.map((s) => tokenizer.encode(s, { addSpecialTokens: false })));
const ids = bertTokenIds(tokenizer); // [PAD] [CLS] [SEP] [MASK] ids, the vocabulary size, the ## test

// A small BERT (BERT_DEFAULTS is BERT-base: 12 layers x 12 heads x 768, 512 positions).
const model = bert({ vocabularySize: tokenizer.vocabSize, contextLength: 64, layers: 2, heads: 2, units: 64, dropout: 0, seed: 0 });
const log = (r: StepReport) => {
  if (r.step === 0 || (r.step + 1) % 10 === 0)
    console.log(
      `step ${r.step + 1}: mlm ${r.terms.mlm.toFixed(2)} nsp ${r.terms.nsp.toFixed(2)}, masked-token accuracy ${r.metrics.mlmAccuracy.toFixed(2)}`,
    );
};
console.log(`BERT on ${backend.name}: ${documents.length} chapters, WordPiece ${tokenizer.vocabSize}`);
await train({
  // 50% of the pairs get a sentence of another chapter as B; 15% of the tokens are predicted (80% [MASK], 10% random, 10% kept).
  method: maskedLanguageModeling({ model, ...ids }),
  data: sentencePairs({ documents, batchSize: 16 }),
  optimizer: new AdamW({ learningRate: 1e-2 }),
  steps: 40,
  callbacks: [{ onStep: log }],
});

// Fill in the blank: the MLM logits at the [MASK] position (40 steps learn frequent words only).
const sentence = tokenizer.encode('Call me Ishmael. Some years ago I went to [MASK] sea.'); // [CLS] ... [SEP]
const inputs = [tf.tensor2d([sentence], [1, sentence.length], 'int32'), tf.zeros([1, sentence.length], 'int32'), tf.ones([1, sentence.length])];
const [mlmLogits] = model.pretraining.predict(inputs) as tf.Tensor[]; // [1, T, V], [1, 2]
const position = sentence.indexOf(ids.maskTokenId);
const { indices } = tf.topk(tf.reshape(tf.slice(mlmLogits, [0, position, 0], [1, 1, -1]), [-1]), 5); // [V] -> top 5
console.log(`[MASK] -> ${Array.from(indices.dataSync(), (id) => tokenizer.idToToken(id)).join(', ')}`);
// The encoder (the same layers) gives one vector per token for probes and embeddings.
const hidden = model.encoder.predict(inputs) as tf.Tensor; // [1, T, 64]
console.log(`encoder output: ${hidden.shape.join(' x ')}`);
