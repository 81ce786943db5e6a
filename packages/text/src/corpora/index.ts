// Corpora, browser-safe: documents, sentence and document splitting, the train/validation
// split. Reading files and the npm corpora is in ../node.ts (`@selfsup/text/node`).
export { SENTENCE_ABBREVIATIONS, splitSentences } from './split-sentences.js';
export { splitDocuments } from './split-documents.js';
export type { TextDocument } from './text-document.js';
export { decodeText } from './decode-text.js';
export { TextFileError } from './text-file-error.js';
export { SkippedTextFiles, type SkippedTextFilesOptions } from './skipped-text-files.js';
export { splitTrainValidation, TRAIN_VALIDATION_DEFAULTS } from './train-validation-split.js';
