// Probing frozen text features: the spam and WordNet tasks, the bag-of-words baseline, and
// a small BERT at random init read through textEmbeddings (a pretrained one reads the same way).
// From packages/text: node --import tsx/esm examples/evaluation.ts
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { type FeatureMatrix, initBackend, KNN_LIGHTLY, knnEvaluate, linearProbe } from '@selfsup/core';
import {
  bert,
  encoderInputIds,
  fitBagOfWords,
  TEXT_PROBE_TASKS,
  type TextProbeSplit,
  TextTokenizer,
  textEmbeddings,
  textProbeSplit,
  trainWordPiece,
} from '@selfsup/text';
import { loadTextProbeDocuments } from '@selfsup/text/node';

await initBackend();

// The core's probes, as `selfsup eval` runs them: a linear probe and a weighted kNN.
async function probe(split: TextProbeSplit, train: FeatureMatrix, test: FeatureMatrix): Promise<string> {
  const common = {
    trainFeatures: train,
    trainLabels: split.train.labels,
    testFeatures: test,
    testLabels: split.test.labels,
    numClasses: split.classes.length,
  };
  const linear = await linearProbe({ ...common, seed: 0 });
  const knn = knnEvaluate({ ...common, ...KNN_LIGHTLY });
  return `linear ${(100 * linear.accuracy).toFixed(1)}%, kNN ${(100 * knn.accuracy).toFixed(1)}%`;
}

// Seeded, stratified samples of the real corpora: email bodies (spam / ham), WordNet
// definitions (45 lexicographer files). Smaller than the tasks' defaults, to run quickly.
const spam = textProbeSplit(TEXT_PROBE_TASKS.spam, await loadTextProbeDocuments('spam'), { seed: 0, trainCount: 200, testCount: 200 });
const wordnet = textProbeSplit(TEXT_PROBE_TASKS.wordnet, await loadTextProbeDocuments('wordnet'), { seed: 0, trainCount: 600, testCount: 300 });
console.log(`wordnet: '${wordnet.train.texts[0]}' is ${wordnet.classes[wordnet.train.labels[0]]}`);

// The baseline: TF-IDF of the words in most training texts, fitted on the training texts only.
for (const [name, split] of [
  ['spam', spam],
  ['wordnet', wordnet],
] as const) {
  const bow = fitBagOfWords(split.train.texts, { maxFeatures: 2000 });
  console.log(`${name}, bag of words: ${await probe(split, bow.transform(split.train.texts), bow.transform(split.test.texts))}`);
}

// A frozen encoder: a WordPiece vocabulary and a 2-layer BERT (random init here; a
// pretrained method's `encoder` goes in the same place). Texts are framed as BERT reads
// them, [CLS] text [SEP], cut to 64 tokens; the features are mean-pooled hidden states.
const tokenizer = TextTokenizer.fromFiles(trainWordPiece(spam.train.texts, { vocabSize: 2000 }));
const specialTokens = { classifier: tokenizer.tokenToId('[CLS]')!, separator: tokenizer.tokenToId('[SEP]')! };
const { encoder } = bert({ vocabularySize: tokenizer.vocabSize, contextLength: 64, layers: 2, heads: 4, units: 64, dropout: 0 });
const embed = (texts: string[]) =>
  textEmbeddings(
    encoder,
    texts.map((text) => encoderInputIds('bert', tokenizer.encode(text, { addSpecialTokens: false }), { specialTokens, maxLength: 64 })),
  );
console.log(`spam, random-init BERT: ${await probe(spam, await embed(spam.train.texts), await embed(spam.test.texts))}`);
encoder.dispose();
