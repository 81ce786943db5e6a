import type { BatchSource } from '@selfsup/core';
import { type SentenceBlocks, sentenceBlocks } from '../data/sentence-blocks.js';
import { type SentencePairs, sentencePairs } from '../data/sentence-pairs.js';
import { tokenWindows } from '../data/token-windows.js';
import { bartDenoising } from '../methods/bart-denoising.js';
import { causalLanguageModeling } from '../methods/causal-language-modeling.js';
import { maskedLanguageModeling } from '../methods/masked-language-modeling.js';
import { spanCorruptionDenoising, spanCorruptionLengths } from '../methods/span-corruption-denoising.js';
import type { TextMethod, TokenSequences } from '../methods/text-method.js';
import { bert } from '../models/bert.js';
import { bart, t5 } from '../models/encoder-decoder.js';
import { gpt } from '../models/gpt.js';
import { SPAN_CORRUPTION_DEFAULTS } from '../objectives/span-corruption.js';
import { BERT_SPECIAL_TOKENS } from '../tokenizers/tokenizer-json.js';
import { specialTokenId } from './special-token-ids.js';
import { corpusStream, type TokenizedCorpus } from './tokenized-corpus.js';

/** The tokenizer a recipe trains on the corpus before its model is built. */
export type TextTokenizerKind = 'character' | 'wordpiece' | 'byte-level-bpe';

/** What a text recipe builds its method from: JSON, so that a worker thread builds the same. */
export interface TextRecipeContext {
  /** Size of the tokenizer's vocabulary (the embedding's rows, the head's columns; T5 adds its sentinels). */
  vocabularySize: number;
  /**
   * Token ids the objective needs, by the names of the recipe's `tokenizerSpecialTokens`:
   * bert: pad, unknown, classifier, separator, mask; t5: pad, eos; bart: bos, pad, eos, mask;
   * gpt: none (documentSeparator, optional, goes between documents).
   */
  specialTokens: Record<string, number>;
  totalSteps: number;
  /** Seed of the model's initial weights. */
  seed: number;
}

/** The batches of the text recipes: windows of a token stream (GPT), sentence pairs (BERT), blocks of sentences (T5, BART). */
export type TextBatch = TokenSequences | SentencePairs | SentenceBlocks;

/** One text method's small-budget recipe: its tokenizer, its model, its data and its training settings. */
export interface TextRecipe<Batch extends TextBatch = TextBatch> {
  tokenizer: TextTokenizerKind;
  /** Vocabulary a subword tokenizer is trained to (a character tokenizer takes what the corpus has). */
  vocabularySize?: number;
  /**
   * The special tokens the tokenizer must hold, by the name under which `build` and `data`
   * read their ids from `TextRecipeContext.specialTokens`; none when absent. For byte-level
   * BPE, train with `trainByteLevelBpe(texts, { specialTokens: Object.values(recipe.tokenizerSpecialTokens) })`
   * (ids 0, 1, ... in this order); WordPiece always holds BERT's five. Then
   * `specialTokenIds(recipe, tokenizer)` gives the ids to pass.
   */
  tokenizerSpecialTokens?: Readonly<Record<string, string>>;
  /** Tokens per training sequence. */
  contextLength: number;
  /** Peak AdamW learning rate (linear warm-up, cosine decay, as the vision recipes). */
  learningRate: number;
  weightDecay: number;
  batchSize: number;
  build(context: TextRecipeContext): TextMethod<Batch>;
  /** The training batches of a tokenized corpus. */
  data(corpus: TokenizedCorpus, options: { contextLength: number; batchSize: number; specialTokens: Record<string, number> }): BatchSource<Batch>;
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
  // BERT-base (12 layers x 12 heads x 768, 512 positions) shrunk to 4 layers x 4 heads x
  // 128 (between BERT-Tiny and BERT-Mini of Turc et al. 2019, "Well-Read Students Learn
  // Better") with 64 positions (BERT trains 90% of its steps at 128): on two cores a step
  // costs about what the GPT recipe's does. A WordPiece vocabulary of 4000 instead of 30522;
  // pairs of single sentences (RoBERTa's SENTENCE-PAIR input) truncated longest-first,
  // instead of segments filled with several sentences; batches of 32 instead of 256; AdamW
  // at 1e-3 instead of Adam at 1e-4 for 1M steps (BERT's weight decay 0.01); no dropout
  // (BERT: 0.1; a run of minutes does not overfit).
  bert: {
    tokenizer: 'wordpiece',
    vocabularySize: 4000,
    tokenizerSpecialTokens: BERT_SPECIAL_TOKENS,
    contextLength: 64,
    learningRate: 1e-3,
    weightDecay: 0.01,
    batchSize: 32,
    build: ({ vocabularySize, specialTokens, seed }) => {
      const id = (name: keyof typeof BERT_SPECIAL_TOKENS) => specialTokenId('bert', specialTokens, name);
      const model = bert({ vocabularySize, contextLength: 64, layers: 4, heads: 4, units: 128, dropout: 0, seed });
      return maskedLanguageModeling({
        model,
        padTokenId: id('pad'),
        classifierTokenId: id('classifier'),
        separatorTokenId: id('separator'),
        maskTokenId: id('mask'),
        specialTokenIds: (['pad', 'unknown', 'classifier', 'separator', 'mask'] as const).map(id),
      });
    },
    // Pairs are packed (and truncated) to the model's 64 positions in `prepare`.
    data: (corpus, { batchSize }) => sentencePairs({ documents: corpus.documents, batchSize }),
  },
  // T5-small (6 + 6 layers x 8 heads x 512, inputs of 512) shrunk to 2 + 2 layers x 4 heads
  // x 128 with inputs of 128 (blocks of up to 141 tokens: T5's random_spans_helper) and
  // targets of up to 32 positions (T5's short targets make a long input cheap); the
  // model's vocabulary is the tokenizer's 4000 + T5's 100 sentinels (ids vocabularySize ...
  // vocabularySize + 99, not tokens of the tokenizer); byte-level BPE instead of
  // SentencePiece; blocks of whole sentences of one document instead of C4's packed stream;
  // batches of 32 instead of 128; AdamW at 1e-3 instead of Adafactor at 0.01 (inverse
  // square root); no dropout (T5: 0.1); the layout departures of `T5_DEFAULTS`.
  t5: {
    tokenizer: 'byte-level-bpe',
    vocabularySize: 4000,
    tokenizerSpecialTokens: { pad: '<pad>', eos: '</s>' },
    contextLength: 128,
    learningRate: 1e-3,
    weightDecay: 0,
    batchSize: 32,
    build: ({ vocabularySize, specialTokens, seed }) => {
      const model = t5({
        vocabularySize: vocabularySize + SPAN_CORRUPTION_DEFAULTS.sentinelCount,
        encoderLength: 128,
        decoderLength: Math.max(32, spanCorruptionLengths(128).targets),
        encoderLayers: 2,
        decoderLayers: 2,
        heads: 4,
        units: 128,
        dropout: 0,
        seed,
      });
      return spanCorruptionDenoising({
        model,
        padTokenId: specialTokenId('t5', specialTokens, 'pad'),
        eosTokenId: specialTokenId('t5', specialTokens, 'eos'),
      });
    },
    data: (corpus, { contextLength, batchSize }) =>
      sentenceBlocks({ documents: corpus.documents, maxTokens: spanCorruptionLengths(contextLength).tokens, batchSize }),
  },
  // BART-base (6 + 6 layers x 12 heads x 768, 1024 positions) shrunk to 2 + 2 layers x 4
  // heads x 128 with blocks of up to 62 tokens (+ BOS and EOS: 64; the decoder writes the
  // whole block, so its length costs twice); BART-large's noise (all sentences permuted,
  // 30% infilled with Poisson(3) spans) on tokens rather than whole words; a byte-level BPE
  // of 4000 instead of GPT-2's 50265; batches of 32 instead of 8000 (BART-large); AdamW at
  // 1e-3 (BART: 4e-4) with BART's weight decay 0.01; no dropout (BART: 0.1).
  bart: {
    tokenizer: 'byte-level-bpe',
    vocabularySize: 4000,
    tokenizerSpecialTokens: { bos: '<s>', pad: '<pad>', eos: '</s>', mask: '<mask>' },
    contextLength: 64,
    learningRate: 1e-3,
    weightDecay: 0.01,
    batchSize: 32,
    build: ({ vocabularySize, specialTokens, seed }) => {
      const id = (name: string) => specialTokenId('bart', specialTokens, name);
      const model = bart({
        vocabularySize,
        encoderLength: 64,
        decoderLength: 64,
        encoderLayers: 2,
        decoderLayers: 2,
        heads: 4,
        units: 128,
        dropout: 0,
        seed,
      });
      return bartDenoising({ model, bosTokenId: id('bos'), padTokenId: id('pad'), eosTokenId: id('eos'), maskTokenId: id('mask') });
    },
    data: (corpus, { contextLength, batchSize }) => sentenceBlocks({ documents: corpus.documents, maxTokens: contextLength - 2, batchSize }),
  },
} satisfies Record<string, TextRecipe>;

export type TextRecipeName = keyof typeof TEXT_RECIPES;

/** The names of the text recipe book, in order. */
export const TEXT_RECIPE_NAMES = Object.keys(TEXT_RECIPES) as TextRecipeName[];
