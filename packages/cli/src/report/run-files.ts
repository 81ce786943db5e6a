/** The files of a run directory that the report reads (`selfsup pretrain` writes them). */
export const RUN_FILES = {
  /** The run's settings as one JSON object. Required. */
  config: 'config.json',
  /** One JSON object per training step. Required. */
  metrics: 'metrics.jsonl',
  /** Linear and kNN probe accuracies (pretrained, random init, raw pixels); missing when the run stopped before evaluation. */
  evaluation: 'evaluation.json',
  /** Test embeddings of the pretrained encoder with their labels; optional. */
  projection: 'projection.json',
  /** A grid of augmented views as a PNG image; optional. */
  augmentedViews: 'augmented-views.png',
  /** A text run's validation loss at the end (nats per token, perplexity); optional. */
  validation: 'validation.json',
  /** A text run's generated samples over training, one JSON object per evaluation; optional. */
  samples: 'samples.jsonl',
  /** A text run's tokenizer (tokenizer.json and tokenizer_config.json, or a character tokenizer's characters.json). */
  tokenizer: 'tokenizer',
  /** A word-vector run's nearest neighbours of its most frequent long words; optional. */
  neighbours: 'neighbours.json',
  /** A word-vector run's vectors in the word2vec text format. */
  vectorsText: 'vectors.txt',
  /** The same vectors in the word2vec binary format. */
  vectorsBinary: 'vectors.bin',
  /** The report itself, written by `writeReport`. */
  report: 'report.html',
} as const;

/**
 * The collapse monitors of one evaluation step: a collapsed encoder maps every input to
 * (nearly) the same embedding, so the per-dimension spread and the effective rank fall.
 */
export interface CollapseEvaluation {
  /** Mean over dimensions of the standard deviation of the L2-normalized embeddings. */
  meanDimensionStd: number;
  /** The same statistic for healthy, uniformly spread embeddings (1 / sqrt(dimension)). */
  healthyStd: number;
  /** exp(entropy) of the normalized singular values of the embedding matrix. */
  effectiveRank: number;
  /** Whether the run judged the embeddings collapsed at this step. */
  collapsed: boolean;
}

/** One line of metrics.jsonl. A non-finite value is written as null by JSON.stringify. */
export interface MetricsRecord {
  step: number;
  epoch: number | null;
  loss: number | null;
  learningRate: number | null;
  /** Every other numeric field of the line (loss terms, accuracy, alignment, ...). */
  values: Record<string, number | null>;
  /** Present on the steps where the run evaluated collapse. */
  evaluation: CollapseEvaluation | null;
}

/** Accuracies in [0, 1] of the two probes on one encoder. */
export interface ProbeAccuracies {
  linear: number;
  knn: number;
}

/** The content of evaluation.json. */
export interface ProbeEvaluation {
  method: string | null;
  dataset: string | null;
  probeTrainCount: number | null;
  testCount: number | null;
  results: {
    pretrained: ProbeAccuracies;
    randomInit: ProbeAccuracies;
    /**
     * The same probes on the raw pixels of the same sample; null in evaluation.json files
     * written before this baseline existed, or when the images were too large to measure it.
     */
    rawPixels: ProbeAccuracies | null;
  };
}

/** The content of validation.json: a text run's objective on held-out documents at the end. */
export interface TextValidation {
  /** Mean loss: nats per predicted token (per character with a character tokenizer). */
  loss: number;
  perplexity: number;
  /** Held-out sequences evaluated. */
  sequences: number;
  step: number | null;
}

/** One line of samples.jsonl: what a GPT wrote after `prompt` at `step`. */
export interface TextSample {
  step: number;
  prompt: string;
  text: string;
}

/** One entry of neighbours.json: a word and its nearest neighbours by cosine similarity. */
export interface WordNeighbours {
  word: string;
  neighbours: { word: string; similarity: number }[];
}

/** The content of projection.json: embeddings [N, D] with their labels. */
export interface RunProjection {
  /** Shape: (N). Indices into `classes`. */
  labels: number[];
  /** Shape: (K). Class names. */
  classes: string[];
  /** Shape: (N, D). */
  embeddings: number[][];
}

/** Everything the report shows, read and validated from a run directory. */
export interface RunFiles {
  /** The absolute path of the run directory. */
  directory: string;
  config: Record<string, unknown>;
  metrics: MetricsRecord[];
  evaluation: ProbeEvaluation | null;
  projection: RunProjection | null;
  /** The bytes of augmented-views.png (a PNG image), or null when it is missing. */
  augmentedViews: Uint8Array | null;
  /** A text run's validation.json, or null. */
  validation: TextValidation | null;
  /** A text run's samples.jsonl (a GPT's), in file order; empty when missing. */
  samples: TextSample[];
  /** A word-vector run's neighbours.json, or null. */
  neighbours: WordNeighbours[] | null;
}
