import { type CliDataset, FOLDER_TEST_EVERY, type ImageSplit } from './datasets.js';

/**
 * Why the probes cannot score a dataset, or null when they can: they need labels, and at
 * least two classes in both the training and the test split (with one class every probe
 * scores 100%, which says nothing about the encoder).
 *
 * @example
 * probeSkipReason(dataset); // "'data/sevens' has one class (7); the probes need at least two"
 */
export function probeSkipReason(dataset: CliDataset): string | null {
  if (!dataset.test) return `'${dataset.name}' has no class sub-folders, so there is nothing to probe`;
  if (dataset.classes.length < 2)
    return `'${dataset.name}' has one class (${dataset.classes.join(', ')}); the probes need at least two, so they are skipped`;
  for (const [name, split] of [
    ['training', dataset.train],
    ['test', dataset.test],
  ] as const) {
    const present = classesIn(split, dataset.classes);
    if (present.length < 2) {
      const held = name === 'test' ? ` (every ${FOLDER_TEST_EVERY}th image of a class is held out for it)` : '';
      return `the ${name} split of '${dataset.name}' holds ${present.length === 0 ? 'no image' : `one class (${present.join(', ')})`}${held}; the probes need at least two classes, so they are skipped`;
    }
  }
  return null;
}

function classesIn(split: ImageSplit, classes: string[]): string[] {
  const labels = new Set(split.labels ?? []);
  return classes.filter((_, index) => labels.has(index));
}
