// A word vocabulary (min count, descending count order), shared by the word-embedding
// objectives (GloVe; Word2Vec may use it too). Browser-safe.
export { type BuildVocabularyOptions, buildVocabulary, VOCABULARY_DEFAULTS, Vocabulary } from './vocabulary.js';
