import { deriveSeed, stratifiedSample } from '@selfsup/core';
import type { TextDocument } from '../corpora/text-document.js';

/** A labelled text task on which frozen text encoders are probed. */
export interface TextProbeTask {
  /** What is predicted from what. */
  description: string;
  /** The corpus, as `loadTextProbeDocuments` (`@selfsup/text/node`) reads it. */
  corpus: 'spam-assassin' | 'wordnet';
  /** The class of a document of the corpus, or undefined to leave it out. */
  classOf(document: TextDocument): string | undefined;
  /** Classes kept: the most frequent ones (ties: alphabetical); all when undefined. */
  maxClasses?: number;
  /** Texts the probes are fitted on. */
  trainCount: number;
  /** Texts the probes are scored on. */
  testCount: number;
}

/**
 * The probe tasks of the text encoders, each a seeded, stratified sample of a real
 * labelled corpus (`textProbeSplit`):
 *
 * - `spam`: SpamAssassin's 6,046 emails, spam (1,896) against ham (easy and hard, 4,150), read
 *   from their **bodies only**: the headers (routing, mailing-list names, spam filters' own
 *   X- headers) separate the groups without reading any prose. Bodies are kept raw (HTML
 *   and MIME parts included, as a mail filter sees them). 1,000 training and 1,000 test emails.
 * - `wordnet`: the definitions of WordNet 3.1's 117,791 synsets (examples left out), labelled
 *   with their lexicographer file ('noun.animal', 'verb.motion', 'adj.all': 45 classes, the
 *   supersenses), 2,000 training and 1,000 test definitions. The classes are uneven
 *   (noun.artifact 9.9%, noun.motive 0.04%); every class has at least one training
 *   definition, so the majority class scores about 10%.
 *
 * @example
 * const split = textProbeSplit(TEXT_PROBE_TASKS.spam, await loadTextProbeDocuments('spam'), { seed: 0 });
 * split.classes; // ['ham', 'spam']
 */
export const TEXT_PROBE_TASKS = Object.freeze({
  spam: Object.freeze<TextProbeTask>({
    description: 'SpamAssassin email body: spam or ham (easy + hard)',
    corpus: 'spam-assassin',
    classOf: (document) => (document.label === undefined ? undefined : document.label === 'spam' ? 'spam' : 'ham'),
    trainCount: 1000,
    testCount: 1000,
  }),
  wordnet: Object.freeze<TextProbeTask>({
    description: 'WordNet definition: lexicographer file of its synset (45 supersenses)',
    corpus: 'wordnet',
    classOf: (document) => document.label,
    trainCount: 2000,
    testCount: 1000,
  }),
});

export type TextProbeTaskName = keyof typeof TEXT_PROBE_TASKS;

/** Texts of one side of a probe split, with their class indices. */
export interface LabelledTexts {
  /** The documents' ids. */
  ids: string[];
  texts: string[];
  /** Index of each text's class in `TextProbeSplit.classes`. */
  labels: Int32Array;
}

export interface TextProbeSplit {
  /** Class names, in alphabetical order: label i is `classes[i]`. */
  classes: string[];
  train: LabelledTexts;
  test: LabelledTexts;
}

/**
 * The training and test texts of a probe task: the documents with a class (`task.classOf`),
 * each distinct text once (the first document with it), among the task's `maxClasses` most
 * frequent classes; then a stratified sample (`stratifiedSample`, the core's) of
 * `trainCount + testCount` of them, itself split by a second stratified sample into the
 * training texts and the test texts. Every class keeps its share on both sides, the two
 * sides share no text, and the same seed gives the same split. A corpus with fewer texts
 * than asked is split in the same proportion.
 *
 * @example
 * const split = textProbeSplit(TEXT_PROBE_TASKS.wordnet, definitions, { seed: 0 });
 * split.train.texts.length; // 2000
 * split.classes[split.train.labels[0]]; // 'noun.act'
 */
export function textProbeSplit(
  task: TextProbeTask,
  documents: readonly TextDocument[],
  options: { seed: number; trainCount?: number; testCount?: number },
): TextProbeSplit {
  const fn = 'textProbeSplit';
  const trainCount = options.trainCount ?? task.trainCount;
  const testCount = options.testCount ?? task.testCount;
  for (const [name, value] of [
    ['trainCount', trainCount],
    ['testCount', testCount],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${fn}: ${name} must be a positive integer, got ${value}`);
  }
  if (!Array.isArray(documents)) throw new Error(`${fn}: documents must be an array of { id, text, label }`);

  const seen = new Set<string>();
  const labelled: { document: TextDocument; name: string }[] = [];
  const frequency = new Map<string, number>();
  for (const document of documents) {
    const name = task.classOf(document);
    if (name === undefined || seen.has(document.text) || document.text.trim() === '') continue;
    seen.add(document.text);
    labelled.push({ document, name });
    frequency.set(name, (frequency.get(name) ?? 0) + 1);
  }
  const kept = [...frequency]
    .sort(([a, fa], [b, fb]) => fb - fa || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, task.maxClasses ?? frequency.size)
    .map(([name]) => name);
  const classes = kept.sort();
  if (classes.length < 2)
    throw new Error(`${fn}: the documents hold ${classes.length} class(es) of '${task.description}'; a probe needs two or more`);
  const index = new Map(classes.map((name, i) => [name, i]));
  const pool = labelled.filter(({ name }) => index.has(name));
  const labels = Int32Array.from(pool, ({ name }) => index.get(name)!);

  const rows = stratifiedSample({ labels, count: trainCount + testCount, seed: options.seed });
  const trainShare = rows.length < trainCount + testCount ? Math.round((rows.length * trainCount) / (trainCount + testCount)) : trainCount;
  const sampleLabels = Int32Array.from(rows, (row) => labels[row]);
  const trainPositions = stratifiedSample({ labels: sampleLabels, count: trainShare, seed: deriveSeed(options.seed, 1) });
  const isTrain = new Uint8Array(rows.length);
  for (const position of trainPositions) isTrain[position] = 1;
  const side = (train: boolean): LabelledTexts => {
    const picked = Array.from(rows).filter((_, position) => (isTrain[position] === 1) === train);
    return {
      ids: picked.map((row) => pool[row].document.id),
      texts: picked.map((row) => pool[row].document.text),
      labels: Int32Array.from(picked, (row) => labels[row]),
    };
  };
  return { classes, train: side(true), test: side(false) };
}
