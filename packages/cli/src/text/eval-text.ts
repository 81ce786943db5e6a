import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FeatureMatrix, KNN_LIGHTLY, createRandom, initBackend, knnEvaluate, linearProbe } from '@selfsup/core';
import {
  TEXT_PROBE_TASKS,
  type TextObjectiveName,
  type TextProbeTaskName,
  type WordVectors,
  buildTextRecipe,
  encoderInputIds,
  fitBagOfWords,
  parseWord2VecText,
  textEmbeddings,
  textProbeSplit,
  textRecipeFor,
  wordTokens,
} from '@selfsup/text';
import { loadTextProbeDocuments } from '@selfsup/text/node';
import { loadRunEncoder } from '../load-encoder.js';
import { RUN_FILES } from '../run-files.js';
import { UsageError, choices } from '../usage-error.js';
import { readRunTokenizer } from './run-tokenizer.js';
import { isWordVectorMethod } from './run-word-vectors.js';

/** Accuracies in [0, 1] of the linear and kNN probes on one kind of features. */
export interface TextProbeAccuracies {
  linear: number;
  knn: number;
}

/** What `selfsup eval` reports for a text run. */
export interface TextRunEvaluation {
  task: TextProbeTaskName;
  classes: string[];
  trainCount: number;
  testCount: number;
  results: { pretrained: TextProbeAccuracies; randomInit: TextProbeAccuracies; bagOfWords: TextProbeAccuracies };
}

/**
 * Probes a text run on a labelled task of `TEXT_PROBE_TASKS` (`spam`: SpamAssassin email
 * bodies, spam or ham; `wordnet`: a definition's WordNet supersense), on the task's seeded,
 * stratified split: the linear probe and kNN (k = 200, t = 0.1, the image probes' settings)
 * on the run's frozen features against the same model at random initialisation (the run's
 * recipe and seed before training) and against TF-IDF bag-of-words. Features: a language
 * model's final hidden states mean-pooled over each text's tokens (framed as its objective's
 * encoder reads text); a word-vector run's mean vector of the text's known words (random
 * init: seeded normal vectors for the same words).
 *
 * @example
 * const { results } = await evaluateTextRun('runs/bert-sotu', config, { task: 'spam', seed: 0, warn: console.error });
 * console.log(results.pretrained.linear, results.randomInit.linear, results.bagOfWords.linear);
 */
export async function evaluateTextRun(
  directory: string,
  config: Record<string, unknown>,
  options: { task: string; seed: number; warn: (line: string) => void },
): Promise<TextRunEvaluation> {
  if (!Object.hasOwn(TEXT_PROBE_TASKS, options.task))
    throw new UsageError(`unknown task '${options.task}'; ${choices(Object.keys(TEXT_PROBE_TASKS))}`);
  const task = options.task as TextProbeTaskName;
  const documents = await loadTextProbeDocuments(task).catch((error: Error) => {
    throw new UsageError(`--task ${task}: ${error.message}`);
  });
  const split = textProbeSplit(TEXT_PROBE_TASKS[task], documents, { seed: options.seed });
  const method = String(config.method);
  await initBackend();
  let featuresOf: { pretrained: (texts: string[]) => Promise<FeatureMatrix>; randomInit: (texts: string[]) => Promise<FeatureMatrix> };
  const disposals: (() => void)[] = [];
  if (isWordVectorMethod(method)) {
    const vectors = parseWord2VecText(await readFile(join(directory, RUN_FILES.vectorsText), 'utf8'));
    const random = createRandom(options.seed);
    const randomVectors = Float32Array.from({ length: vectors.size * vectors.dimension }, () => random.normal());
    featuresOf = {
      pretrained: async (texts) => meanWordVectors(vectors, (i) => vectors.data.subarray(i * vectors.dimension, (i + 1) * vectors.dimension), texts),
      randomInit: async (texts) => meanWordVectors(vectors, (i) => randomVectors.subarray(i * vectors.dimension, (i + 1) * vectors.dimension), texts),
    };
  } else {
    const recipe = textRecipeFor(method);
    const tokenizer = await readRunTokenizer(recipe, join(directory, RUN_FILES.tokenizer));
    const trained = await loadRunEncoder(directory, { warn: options.warn, model: method === 'gpt' ? 'encoder' : method });
    const initial = buildTextRecipe({
      method,
      vocabularySize: tokenizer.vocabSize,
      specialTokens: tokenizer.specialTokens,
      totalSteps: 1,
      seed: Number(config.seed ?? 0),
    }).method;
    disposals.push(
      () => trained.dispose(),
      () => initial.dispose(),
      () => initial.encoder.dispose(),
    );
    const ids = (texts: string[]) =>
      texts.map((text) =>
        encoderInputIds(method as TextObjectiveName, tokenizer.encode(text), {
          specialTokens: tokenizer.specialTokens,
          maxLength: recipe.contextLength,
        }),
      );
    const padId = tokenizer.specialTokens.pad ?? 0;
    featuresOf = {
      pretrained: (texts) => textEmbeddings(trained, ids(texts), { padId }),
      randomInit: (texts) => textEmbeddings(initial.encoder, ids(texts), { padId }),
    };
  }
  try {
    const bagOfWords = fitBagOfWords(split.train.texts);
    const probe = async (train: FeatureMatrix, test: FeatureMatrix): Promise<TextProbeAccuracies> => {
      const common = {
        trainFeatures: train,
        trainLabels: split.train.labels,
        testFeatures: test,
        testLabels: split.test.labels,
        numClasses: split.classes.length,
      };
      return { linear: (await linearProbe({ ...common, seed: options.seed })).accuracy, knn: knnEvaluate({ ...common, ...KNN_LIGHTLY }).accuracy };
    };
    return {
      task,
      classes: split.classes,
      trainCount: split.train.texts.length,
      testCount: split.test.texts.length,
      results: {
        pretrained: await probe(await featuresOf.pretrained(split.train.texts), await featuresOf.pretrained(split.test.texts)),
        randomInit: await probe(await featuresOf.randomInit(split.train.texts), await featuresOf.randomInit(split.test.texts)),
        bagOfWords: await probe(bagOfWords.transform(split.train.texts), bagOfWords.transform(split.test.texts)),
      },
    };
  } finally {
    for (const dispose of disposals) dispose();
  }
}

/** Each text's mean vector of its known words (zeros when it has none). */
function meanWordVectors(vectors: WordVectors, row: (index: number) => Float32Array, texts: string[]): FeatureMatrix {
  const { dimension } = vectors;
  const values = new Float32Array(texts.length * dimension);
  texts.forEach((text, t) => {
    const known = wordTokens(text).filter((word) => vectors.has(word));
    const target = values.subarray(t * dimension, (t + 1) * dimension);
    for (const word of known) {
      const vector = row(vectors.id(word));
      for (let d = 0; d < dimension; d++) target[d] += vector[d] / known.length;
    }
  });
  return { values, count: texts.length, dimension };
}
