// @selfsup/text: corpora (documents, sentence splitting, train/validation split by
// document) and tokenizers (character, byte-level BPE and WordPiece trained here, saved as
// Hugging Face tokenizer.json and encoded by tokenizers.js). Browser-safe (a test walks the
// import graph); reading files and the npm corpora is in ./node.ts (`@selfsup/text/node`).
export * from './corpora/index.js';
export * from './tokenizers/index.js';
