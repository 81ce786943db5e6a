import type { BatchSource } from '@selfsup/core';
import { tokenWindows } from '../data/token-windows.js';
import { causalLanguageModeling } from '../methods/causal-language-modeling.js';
import type { TextMethod, TokenSequences } from '../methods/text-method.js';
import { gpt } from '../models/gpt.js';
import { corpusStream, type TokenizedCorpus } from './tokenized-corpus.js';

/** The tokenizer a recipe trains on the corpus before its model is built. */
export type TextTokenizerKind = 'character' | 'wordpiece' | 'byte-level-bpe';

/** What a text recipe builds its method from: JSON, so that a worker thread builds the same. */
export interface TextRecipeContext {
  /** Size of the tokenizer's vocabulary (the embedding's rows, the head's columns). */
  vocabularySize: number;
  /** Token ids the objective needs ([MASK], [CLS], sentinels...), by name. */
  specialTokens: Record<string, number>;
  totalSteps: number;
  /** Seed of the model's initial weights. */
  seed: number;
}

/** One text method's small-budget recipe: its tokenizer, its model, its data and its training settings. */
export interface TextRecipe {
  tokenizer: TextTokenizerKind;
  /** Vocabulary a subword tokenizer is trained to (a character tokenizer takes what the corpus has). */
  vocabularySize?: number;
  /** Tokens per training sequence. */
  contextLength: number;
  /** Peak AdamW learning rate (linear warm-up, cosine decay, as the vision recipes). */
  learningRate: number;
  weightDecay: number;
  batchSize: number;
  build(context: TextRecipeContext): TextMethod;
  /** The training batches of a tokenized corpus. */
  data(
    corpus: TokenizedCorpus,
    options: { contextLength: number; batchSize: number; specialTokens: Record<string, number> },
  ): BatchSource<TokenSequences>;
}

/**
 * The text recipe book: every text method with the settings `selfsup pretrain`, the
 * benchmarks in `bench/` and the examples use. Paper architectures shrunk to what two
 * cores train in minutes (each departure commented); docs/text/recipes.md tabulates them.
 *
 * @example
 * const method = TEXT_RECIPES.gpt.build({ vocabularySize: 80, specialTokens: {}, totalSteps: 1500, seed: 0 });
 */
export const TEXT_RECIPES = {
  // nanoGPT's character-level CPU configuration (4 layers x 4 heads x 128, context 64) with
  // batches of 64 windows instead of 12 and no dropout (a run of minutes does not overfit).
  gpt: {
    tokenizer: 'character',
    contextLength: 64,
    learningRate: 2e-3,
    weightDecay: 0.1,
    batchSize: 64,
    build: ({ vocabularySize, seed }) =>
      causalLanguageModeling({ model: gpt({ vocabularySize, contextLength: 64, layers: 4, heads: 4, units: 128, dropout: 0, seed }) }),
    data: (corpus, { contextLength, batchSize, specialTokens }) =>
      tokenWindows({ tokens: corpusStream(corpus, specialTokens.documentSeparator), contextLength, batchSize }),
  },
} satisfies Record<string, TextRecipe>;

export type TextRecipeName = keyof typeof TEXT_RECIPES;

/** The names of the text recipe book, in order. */
export const TEXT_RECIPE_NAMES = Object.keys(TEXT_RECIPES) as TextRecipeName[];
