// @selfsup/text: corpora (documents, sentence splitting, train/validation split by
// document) and tokenizers (character, byte-level BPE and WordPiece trained here, saved as
// Hugging Face tokenizer.json and encoded by tokenizers.js) and the pre-training collators
// (BERT masked language modelling and next sentence prediction, T5 span corruption, BART
// denoising, padding into tensors), the language models (GPT with generation; BERT; the
// T5 and BART encoder-decoder) and the methods that pretrain them on the core's contract
// with their data sources, and the text recipe book; GloVe word
// vectors (co-occurrence counts, the weighted least-squares objective, AdaGrad) on a shared
// word vocabulary.
// Word2Vec (skip-gram and CBOW with negative sampling on typed arrays, neighbours, analogies,
// the word2vec text and binary formats). The evaluation of frozen text encoders (pooled
// features, a bag-of-words baseline, the spam and WordNet probe tasks).
// Browser-safe (a test walks the import graph); reading files and the npm corpora is in
// ./node.ts (`@selfsup/text/node`).
export * from './corpora/index.js';
export * from './data/index.js';
export * from './evaluation/index.js';
export * from './glove/index.js';
export * from './methods/index.js';
export * from './models/index.js';
export * from './objectives/index.js';
export * from './recipes/index.js';
export * from './tokenizers/index.js';
export * from './vocabulary/index.js';
export * from './word2vec/index.js';
