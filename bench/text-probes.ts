// Frozen-encoder text probes (on demand, not run in CI): the text issue's bar, "BERT-MLM and
// T5/BART encoders beat their random-init encoder and bag-of-words on the probes".
//
//   pnpm --filter @selfsup/bench text-probes [--steps 200] [--methods bert,t5,bart,gpt] [--corpus moby-dick|sotu]
//     [--tasks spam,wordnet] [--probe-train N] [--probe-test N] [--max-length N] [--validation-batches 16] [--seed 0] [--write]
//
// For each method of the text recipe book: its tokenizer trained on the pre-training corpus
// (90% of the documents; 10% held out by document), its model built by `buildTextRecipe`,
// probed at random init, pretrained for --steps steps (`train`, AdamW at the recipe's
// learning rate and weight decay, 5% linear warm-up then cosine decay, the recipe's batch
// size, one thread), and probed again. The probes are the core's (the protocol of `selfsup
// eval`): a linear probe (logistic regression, weight decay picked on 10% of the training
// rows) and a weighted kNN (k = 200, t = 0.1), fitted on the task's training texts and scored
// on its test texts (`textProbeSplit`, seeded and stratified), on mean-pooled final hidden
// states (`textEmbeddings`) of texts framed as in pre-training (`encoderInputIds`) and cut to
// the recipe's context (or --max-length). --probe-train and --probe-test replace the tasks'
// sample sizes (spam 1,000 + 1,000, wordnet 2,000 + 1,000). The bag-of-words baseline is TF-IDF on the 2,000 words in most
// training texts (`fitBagOfWords`), the same for every method. The validation loss is the
// objective on --validation-batches batches of held-out documents (fixed masks/noise per batch), at init and
// after training; the time is the pre-training's wall time.
import {
  AdamW,
  createRandom,
  deriveSeed,
  type FeatureMatrix,
  initBackend,
  KNN_LIGHTLY,
  knnEvaluate,
  linearProbe,
  train,
  warmupCosineSchedule,
} from '@selfsup/core';
import * as tf from '@selfsup/core/tf';
import {
  buildTextRecipe,
  CharacterTokenizer,
  encoderInputIds,
  fitBagOfWords,
  specialTokenIds,
  splitSentences,
  splitTrainValidation,
  TEXT_PROBE_TASKS,
  type TextBatch,
  type TextDocument,
  type TextMethod,
  type TextObjectiveName,
  type TextProbeSplit,
  type TextProbeTaskName,
  type TextRecipe,
  TextTokenizer,
  textEmbeddings,
  textProbeSplit,
  textRecipeFor,
  type TokenizedCorpus,
  trainByteLevelBpe,
  trainWordPiece,
} from '@selfsup/text';
import { loadMobyDick, loadSotu, loadTextProbeDocuments } from '@selfsup/text/node';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { appendTableRows, tableRow } from './docs-table.js';

const { values: args } = parseArgs({
  options: {
    steps: { type: 'string', default: '200' },
    methods: { type: 'string', default: 'bert,t5,bart,gpt' },
    corpus: { type: 'string', default: 'moby-dick' },
    tasks: { type: 'string', default: 'spam,wordnet' },
    'probe-train': { type: 'string' },
    'probe-test': { type: 'string' },
    'max-length': { type: 'string' },
    'validation-batches': { type: 'string', default: '16' },
    seed: { type: 'string', default: '0' },
    write: { type: 'boolean', default: false },
  },
});
const steps = Number(args.steps);
const seed = Number(args.seed);
const methods = args.methods.split(',') as TextObjectiveName[];
const taskNames = args.tasks.split(',') as TextProbeTaskName[];
if (!Number.isInteger(steps) || steps < 1) throw new Error(`text-probes: --steps must be a positive integer, got ${args.steps}`);
if (args.corpus !== 'moby-dick' && args.corpus !== 'sotu') throw new Error(`text-probes: --corpus must be moby-dick or sotu, got ${args.corpus}`);
/** Held-out batches of the validation loss. */
const VALIDATION_BATCHES = Number(args['validation-batches']);
/** Tokens of a probed text (framing included); default the recipe's context. */
const maxLengthOf = (recipe: TextRecipe) => Math.min(recipe.contextLength, args['max-length'] ? Number(args['max-length']) : recipe.contextLength);
/** Columns of the bag-of-words baseline. */
const BAG_OF_WORDS_FEATURES = 2000;
/** The table's header. */
const COLUMNS = [
  'date',
  'objective',
  'probe',
  'pretrained (linear / kNN)',
  'random init',
  'bag of words',
  'validation loss',
  'pre-training',
  'beats init and BoW',
  'load',
];

const load = loadavg()[0];
const backend = await initBackend();
const documents = args.corpus === 'sotu' ? await loadSotu() : await loadMobyDick();
const { train: trainDocuments, validation: validationDocuments } = splitTrainValidation(documents, { validationFraction: 0.1, seed });
const sentences = trainDocuments.flatMap((document) => splitSentences(document.text));
console.log(
  `text-probes: ${args.corpus} (${trainDocuments.length} documents, ${validationDocuments.length} held out), ${steps} steps, ${backend.name} backend, load ${load.toFixed(2)}`,
);

interface ProbeFigures {
  linear: number;
  knn: number;
}
async function probe(split: TextProbeSplit, train: FeatureMatrix, test: FeatureMatrix): Promise<ProbeFigures> {
  const common = {
    trainFeatures: train,
    trainLabels: split.train.labels,
    testFeatures: test,
    testLabels: split.test.labels,
    numClasses: split.classes.length,
  };
  const linear = (await linearProbe({ ...common, seed })).accuracy;
  const knn = knnEvaluate({ ...common, ...KNN_LIGHTLY }).accuracy;
  return { linear, knn };
}

const tasks = new Map<TextProbeTaskName, { split: TextProbeSplit; bagOfWords: ProbeFigures }>();
for (const name of taskNames) {
  const task = TEXT_PROBE_TASKS[name];
  if (!task) throw new Error(`text-probes: unknown task '${name}'; choose from ${Object.keys(TEXT_PROBE_TASKS).join(', ')}`);
  const counts = {
    trainCount: args['probe-train'] ? Number(args['probe-train']) : task.trainCount,
    testCount: args['probe-test'] ? Number(args['probe-test']) : task.testCount,
  };
  const split = textProbeSplit(task, await loadTextProbeDocuments(name), { seed, ...counts });
  const bow = fitBagOfWords(split.train.texts, { maxFeatures: BAG_OF_WORDS_FEATURES });
  const bagOfWords = await probe(split, bow.transform(split.train.texts), bow.transform(split.test.texts));
  tasks.set(name, { split, bagOfWords });
  console.log(
    `${name}: ${split.train.texts.length} + ${split.test.texts.length} texts, ${split.classes.length} classes; bag of words linear ${pct(bagOfWords.linear)}, kNN ${pct(bagOfWords.knn)}`,
  );
}

/** What the bench needs of a trained tokenizer. */
interface BenchTokenizer {
  vocabSize: number;
  specialTokens: Record<string, number>;
  encode(text: string): number[];
}

/** The recipe's tokenizer trained on the training documents, as `selfsup pretrain` trains it. */
function trainTokenizer(recipe: TextRecipe): BenchTokenizer {
  if (recipe.tokenizer === 'character') {
    const tokenizer = CharacterTokenizer.train(
      trainDocuments.map((d) => d.text),
      { specialTokens: ['<unk>'], unknownToken: '<unk>' },
    );
    return {
      vocabSize: tokenizer.vocabSize,
      specialTokens: { documentSeparator: tokenizer.encode('\n')[0] },
      encode: (text) => tokenizer.encode(text),
    };
  }
  const vocabSize = recipe.vocabularySize!;
  const files =
    recipe.tokenizer === 'wordpiece'
      ? trainWordPiece(sentences, { vocabSize })
      : trainByteLevelBpe(sentences, { vocabSize, specialTokens: Object.values(recipe.tokenizerSpecialTokens ?? {}) });
  const tokenizer = TextTokenizer.fromFiles(files);
  return {
    vocabSize: tokenizer.vocabSize,
    specialTokens: specialTokenIds(recipe, tokenizer),
    encode: (text) => tokenizer.encode(text, { addSpecialTokens: false }),
  };
}

/** Documents as the recipes read them: sentences of token ids (a character GPT reads whole documents). */
function tokenize(docs: readonly TextDocument[], recipe: TextRecipe, tokenizer: BenchTokenizer): TokenizedCorpus {
  if (recipe.tokenizer === 'character') return { documents: docs.map((d) => [tokenizer.encode(d.text)]) };
  return { documents: docs.map((d) => splitSentences(d.text).map((sentence) => tokenizer.encode(sentence))) };
}

/** The objective on the first batches of the held-out corpus, each prepared with a fixed random stream. */
async function validationLoss(
  method: TextMethod<TextBatch>,
  recipe: TextRecipe,
  corpus: TokenizedCorpus,
  specialTokens: Record<string, number>,
): Promise<number> {
  const data = recipe.data(corpus, { contextLength: recipe.contextLength, batchSize: recipe.batchSize, specialTokens });
  const losses: number[] = [];
  for await (const batch of data.epoch({ epoch: 0, seed, startBatch: 0 })) {
    const step = losses.length;
    const stepSeed = deriveSeed(seed, step);
    const context = { step, totalSteps: VALIDATION_BATCHES, epoch: 0, learningRate: 0, seed: stepSeed, random: createRandom(stepSeed) };
    losses.push(
      tf.tidy(() => {
        const inputs = method.prepare(batch, context);
        const outputs = method.forward(inputs, { seed: stepSeed, offset: 0, batchSize: inputs[0].shape[0] });
        return method.loss(outputs, inputs, context).loss.dataSync()[0];
      }),
    );
    if (losses.length >= VALIDATION_BATCHES) break;
  }
  return losses.reduce((sum, loss) => sum + loss, 0) / losses.length;
}

async function probeEncoder(method: TextMethod<TextBatch>, objective: TextObjectiveName, recipe: TextRecipe, tokenizer: BenchTokenizer) {
  const figures = new Map<TextProbeTaskName, ProbeFigures>();
  for (const [name, { split }] of tasks) {
    const embed = (texts: string[]) =>
      textEmbeddings(
        method.encoder,
        texts.map((text) =>
          encoderInputIds(objective, tokenizer.encode(text), { specialTokens: tokenizer.specialTokens, maxLength: maxLengthOf(recipe) }),
        ),
      );
    figures.set(name, await probe(split, await embed(split.train.texts), await embed(split.test.texts)));
  }
  return figures;
}

const rows: string[] = [];
for (const objective of methods) {
  const recipe = textRecipeFor(objective);
  let started = performance.now();
  const tokenizer = trainTokenizer(recipe);
  const corpus = tokenize(trainDocuments, recipe, tokenizer);
  const validationCorpus = tokenize(validationDocuments, recipe, tokenizer);
  console.log(`\n${objective}: ${recipe.tokenizer} tokenizer of ${tokenizer.vocabSize} in ${seconds(started)} s`);
  const { method } = buildTextRecipe({
    method: objective,
    vocabularySize: tokenizer.vocabSize,
    specialTokens: tokenizer.specialTokens,
    totalSteps: steps,
    seed,
  });
  try {
    started = performance.now();
    const initial = await probeEncoder(method, objective, recipe, tokenizer);
    const initialLoss = await validationLoss(method, recipe, validationCorpus, tokenizer.specialTokens);
    console.log(`${objective}: random init probed in ${seconds(started)} s; validation loss ${initialLoss.toFixed(3)}`);

    started = performance.now();
    await train({
      method,
      data: recipe.data(corpus, { contextLength: recipe.contextLength, batchSize: recipe.batchSize, specialTokens: tokenizer.specialTokens }),
      optimizer: new AdamW({ learningRate: recipe.learningRate, weightDecay: recipe.weightDecay }),
      schedule: warmupCosineSchedule({ baseValue: recipe.learningRate, totalSteps: steps, warmupSteps: Math.ceil(steps / 20) }),
      steps,
      seed,
      batchSize: recipe.batchSize,
      callbacks: [
        {
          onStep: ({ step, loss }) => {
            if (step % 25 === 0 || step === steps) console.log(`${objective}: step ${step}/${steps} loss ${loss.toFixed(3)} (${seconds(started)} s)`);
          },
        },
      ],
    });
    const trainSeconds = (performance.now() - started) / 1000;
    const finalLoss = await validationLoss(method, recipe, validationCorpus, tokenizer.specialTokens);
    started = performance.now();
    const pretrained = await probeEncoder(method, objective, recipe, tokenizer);
    console.log(`${objective}: pretrained in ${trainSeconds.toFixed(0)} s, probed in ${seconds(started)} s; validation loss ${finalLoss.toFixed(3)}`);

    for (const [name, { split, bagOfWords }] of tasks) {
      const after = pretrained.get(name)!;
      const before = initial.get(name)!;
      const row = tableRow([
        new Date().toISOString().slice(0, 10),
        objective,
        `${name} (${split.train.texts.length} + ${split.test.texts.length}, ${maxLengthOf(recipe)} tokens)`,
        figures(after),
        figures(before),
        figures(bagOfWords),
        `${initialLoss.toFixed(2)} → ${finalLoss.toFixed(2)}`,
        `${steps} steps, ${Math.floor(trainSeconds / 60)} min ${Math.round(trainSeconds % 60)} s`,
        verdict(after, before, bagOfWords),
        load.toFixed(2),
      ]);
      rows.push(row);
      console.log(row);
    }
  } finally {
    method.dispose();
    method.encoder.dispose();
  }
}

console.log(`\n${tableRow(COLUMNS)}\n${rows.join('\n')}`);
if (args.write) {
  appendTableRows(
    {
      heading: '## Frozen-encoder text probes (text issue: pretrained encoders beat random init and bag-of-words)',
      intro: `Each method of the text recipe book pretrained on ${args.corpus === 'sotu' ? 'the State of the Union' : 'Moby Dick'} (90% of the documents; its own tokenizer trained on them) for the steps shown on one thread, then frozen and probed (\`textEmbeddings\`: the mean of the final hidden states over the text's tokens, texts framed as in pre-training and cut to the tokens the probe cell gives: the recipe's context or --max-length; characters for the character GPT). Probes as \`selfsup eval\`: linear (logistic regression, weight decay chosen on 10% of the training rows) / weighted kNN (k = 200, t = 0.1), test accuracy in %. \`spam\`: SpamAssassin email bodies, spam vs ham (69% ham); \`wordnet\`: WordNet 3.1 definitions to their lexicographer file, 45 classes (majority class ~10%); the probe cell gives the training + test texts (defaults 1,000 + 1,000 and 2,000 + 1,000) and the tokens read per text; both seeded, stratified samples (\`textProbeSplit\`). Random init is the same model before training; bag of words is TF-IDF on the 2,000 words in most training texts. Validation loss: the objective on the first held-out batches (16 by default), at init → after (BERT: MLM + NSP; T5, BART: per target token; GPT: per character). "Beats" says whether the pretrained encoder beats both random init and bag of words on both probes. "Load" is the 1-minute load average at the start (2 cores).

Command: \`pnpm --filter @selfsup/bench text-probes --steps N --write\``,
      columns: COLUMNS,
    },
    rows,
  );
}

function pct(value: number): string {
  return (100 * value).toFixed(1);
}
function figures(f: ProbeFigures): string {
  return `${pct(f.linear)} / ${pct(f.knn)}`;
}
function verdict(after: ProbeFigures, before: ProbeFigures, bow: ProbeFigures): string {
  const both = (key: keyof ProbeFigures) => after[key] > before[key] && after[key] > bow[key];
  return both('linear') && both('knn') ? 'yes' : both('linear') || both('knn') ? 'partly' : 'no';
}
function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}
