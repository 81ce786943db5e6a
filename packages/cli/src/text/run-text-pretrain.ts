import { existsSync } from 'node:fs';
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AdamW, initBackend, splitTornLine, train, warmupCosineSchedule } from '@selfsup/core';
import { ParallelReplicas, type RunLock, fileRunStore, processSignals, progressBar } from '@selfsup/core/node';
import { TEXT_RECIPE_NAMES, type TextMethod, buildTextRecipe, generate, textRecipeFor } from '@selfsup/text';
import { checkResumeData } from '../check-resume-data.js';
import { diskFullAdvice } from '../disk-full-advice.js';
import { disposeAfterRun } from '../dispose-after-run.js';
import { divergenceAdvice } from '../divergence-advice.js';
import { outOfMemoryAdvice } from '../out-of-memory-advice.js';
import { PRETRAIN_LIMITS, type PretrainConfig } from '../pretrain-config.js';
import { writeReport } from '../report/index.js';
import { logAndRecordOverrides } from '../resume-overrides.js';
import type { PretrainOutcome, RunPretrainOptions } from '../run-pretrain.js';
import { RUN_FILES, writeFileAtomically } from '../run-files.js';
import { UsageError } from '../usage-error.js';
import { openTextDataset } from './text-datasets.js';
import { type RunTokenizer, readRunTokenizer, tokenizeDocuments, trainRunTokenizer } from './run-tokenizer.js';
import { TEXT_EVALUATION, type ValidationLoss, validationLoss } from './validation-loss.js';

/**
 * Whether `selfsup pretrain --method <name>` is a text method (the text recipe book).
 *
 * @example
 * isTextMethod('gpt'); // true
 */
export function isTextMethod(name: string): boolean {
  return (TEXT_RECIPE_NAMES as readonly string[]).includes(name);
}

/**
 * `selfsup pretrain` for a text method, once the run directory is locked (see
 * `runPretrain`, which dispatches here): opens the corpus and holds out 10% of its
 * documents, trains the recipe's tokenizer on the training documents (saved in the run's
 * tokenizer/ folder; a resume reads it back), trains with the same checkpoints, resume,
 * signals, overrides and failure advice as an image run, evaluates the validation loss
 * every `monitorEvery` steps (metrics.jsonl; a GPT also writes a sample to samples.jsonl),
 * and ends with validation.json and the report.
 *
 * @example
 * await pretrainText(resolvePretrainConfig([{ source: 'command line', values: { method: 'gpt', dataset: 'moby-dick' } }]), { resume: false, log: console.log }, lock);
 */
export async function pretrainText(config: PretrainConfig, options: RunPretrainOptions, lock: RunLock): Promise<PretrainOutcome> {
  const { log } = options;
  const warn = options.warn ?? log;
  const out = config.out;
  const recipe = textRecipeFor(config.method);
  const backend = await initBackend();
  const dataset = await openTextDataset(config.dataset, { seed: config.seed, warn, strict: options.strictData });
  const tokenizerFolder = join(out, RUN_FILES.tokenizer);
  if (options.resume) await checkResumeData(config, dataset.fingerprint, options);
  const tokenizer = options.resume
    ? await readRunTokenizer(recipe, tokenizerFolder)
    : await trainRunTokenizer(recipe, dataset.train, tokenizerFolder);
  const corpus = tokenizeDocuments(dataset.train, tokenizer);
  const validationCorpus = tokenizeDocuments(dataset.validation, tokenizer);
  const { specialTokens } = tokenizer;
  const dataOptions = { contextLength: recipe.contextLength, batchSize: config.batchSize, specialTokens };
  const data = usageErrorFrom(() => recipe.data(corpus, dataOptions), '--batch-size');
  const batchesPerEpoch = data.batchesPerEpoch ?? 1;
  const totalSteps = config.steps ?? (config.epochs ?? 1) * batchesPerEpoch;
  if (totalSteps > PRETRAIN_LIMITS.maxSteps)
    throw new UsageError(`--epochs ${config.epochs} make ${totalSteps} steps, more than the most a run takes (${PRETRAIN_LIMITS.maxSteps})`);
  if (!options.resume) {
    await rm(join(out, RUN_FILES.metrics), { force: true });
    await rm(join(out, RUN_FILES.samples), { force: true });
    const { imageSize, channels, backbone, probeTrain, ...common } = config;
    const record = {
      ...common,
      modality: 'text',
      totalSteps,
      tokenizer: tokenizer.kind,
      vocabularySize: tokenizer.vocabSize,
      contextLength: recipe.contextLength,
      datasetFingerprint: dataset.fingerprint,
      createdAt: new Date().toISOString(),
    };
    await writeFileAtomically(join(out, RUN_FILES.config), `${JSON.stringify(record, null, 2)}\n`);
  }
  const workers = Math.min(config.workers, config.batchSize);
  const tokens = corpus.documents.reduce((sum, d) => sum + d.reduce((s, sentence) => s + sentence.length, 0), 0);
  log(
    `selfsup: ${config.method} on ${dataset.name} (${dataset.train.length} documents, ${tokens.toLocaleString('en-US')} tokens; ${dataset.validation.length} held out), ${tokenizer.kind} tokenizer of ${tokenizer.vocabSize}, ${totalSteps} steps of ${config.batchSize}, ${backend.name} backend, ${workers} worker${workers === 1 ? '' : 's'} -> ${out}`,
  );
  const { method } = buildTextRecipe({ method: config.method, vocabularySize: tokenizer.vocabSize, specialTokens, totalSteps, seed: config.seed });
  const evaluate = (batches: number) => validationLoss(method, recipe, validationCorpus, { ...dataOptions, batches, seed: config.seed });
  const replicas = workers > 1 ? await ParallelReplicas.forMethod(method, { workers }) : undefined;
  const overrides = options.resume && options.overrides && Object.keys(options.overrides).length > 0 ? options.overrides : undefined;
  let trainedSteps: number | undefined;
  let failed = false;
  try {
    const result = await train({
      method,
      data,
      optimizer: new AdamW({ learningRate: config.learningRate, weightDecay: config.weightDecay }),
      schedule: warmupCosineSchedule({ baseValue: config.learningRate, totalSteps, warmupSteps: Math.ceil(totalSteps / 20) }),
      steps: totalSteps,
      seed: config.seed,
      batchSize: config.batchSize,
      store: fileRunStore(out, { warn, lock }),
      stopOn: processSignals,
      checkpointEvery: config.checkpointEvery,
      resume: options.resume,
      config: { ...config },
      evaluate: {
        every: config.monitorEvery,
        run: async (step) => {
          const figures = await evaluate(TEXT_EVALUATION.monitorBatches);
          await writeSample(method, tokenizer, dataset.validation[0]?.text ?? '', out, step);
          return { validationLoss: figures.loss };
        },
      },
      callbacks: [
        progressBar(),
        {
          async onResume({ step }) {
            await keepSamplesUpTo(out, step);
            await logAndRecordOverrides(out, overrides, { fromStep: step, totalSteps }, log);
          },
        },
      ],
      replicas,
    });
    trainedSteps = result.steps;
    if (result.status === 'interrupted') {
      log(`selfsup: interrupted at step ${result.steps}/${totalSteps}; checkpoint saved. Continue with: selfsup pretrain --resume ${out}`);
      if (existsSync(join(out, RUN_FILES.metrics))) await writeReport(out, { warn });
      return { status: 'interrupted', steps: result.steps, skippedImages: [] };
    }
    const final: ValidationLoss = await evaluate(TEXT_EVALUATION.finalBatches);
    await writeFileAtomically(
      join(out, RUN_FILES.validation),
      `${JSON.stringify({ method: config.method, dataset: dataset.name, step: result.steps, ...final }, null, 2)}\n`,
    );
    log(`selfsup: ${validationSentence(final, config.method, tokenizer.kind, recipe.contextLength)}`);
    log(`selfsup: report: ${await writeReport(out, { warn })}`);
    return { status: 'completed', steps: result.steps, skippedImages: [] };
  } catch (error) {
    failed = true;
    const explained = await diskFullAdvice(await divergenceAdvice(error, config, trainedSteps), out);
    throw outOfMemoryAdvice(explained, { batchSize: config.batchSize, imageShape: [recipe.contextLength, 1, 1], workers });
  } finally {
    await disposeAfterRun([() => replicas?.dispose(), () => method.dispose(), () => method.encoder.dispose()], failed);
  }
}

/** The final validation figures in words: what the loss measures for this method. */
function validationSentence(final: ValidationLoss, method: string, kind: string, contextLength: number): string {
  const unit =
    method === 'gpt' ? (kind === 'character' ? 'nats per character' : 'nats per token') : method === 'bert' ? 'MLM + NSP' : 'nats per target token';
  const named = Object.entries(final.terms);
  const parts = named.length > 1 ? `; ${named.map(([name, value]) => `${name} ${value.toFixed(4)}`).join(', ')}` : '';
  const perplexity = method === 'bert' ? `masked-token perplexity ${final.perplexity.toFixed(2)}` : `perplexity ${final.perplexity.toFixed(2)}`;
  return `validation loss ${final.loss.toFixed(4)} (${unit}${parts}; ${perplexity}) on ${final.sequences.toLocaleString('en-US')} held-out sequences of up to ${contextLength} tokens`;
}

/** Drops the samples of steps after the checkpoint a run resumes from (they are written again). */
async function keepSamplesUpTo(out: string, step: number): Promise<void> {
  const file = join(out, RUN_FILES.samples);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return;
  const { complete } = splitTornLine(text);
  const kept = complete.split('\n').filter((line) => line.trim() !== '' && (JSON.parse(line) as { step: number }).step <= step);
  await writeFileAtomically(file, kept.map((line) => `${line}\n`).join(''));
}

/** A recipe's data built from the corpus, with its errors (too little text for a batch) as usage errors naming `option`. */
function usageErrorFrom<T>(build: () => T, option: string): T {
  try {
    return build();
  } catch (error) {
    throw new UsageError(`${option}: ${(error as Error).message}`);
  }
}

/** A GPT's continuation of the start of a held-out document, appended to samples.jsonl (other methods write none). */
async function writeSample(method: TextMethod, tokenizer: RunTokenizer, text: string, out: string, step: number): Promise<void> {
  if (method.name !== 'gpt' || text.length === 0) return;
  const prompt = text.slice(0, TEXT_EVALUATION.promptCharacters);
  const ids = generate(method.encoder, tokenizer.encode(prompt), { ...TEXT_EVALUATION.sampling, seed: step });
  await appendFile(join(out, RUN_FILES.samples), `${JSON.stringify({ step, prompt, text: tokenizer.decode(ids) })}\n`);
}
