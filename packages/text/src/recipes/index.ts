// The text recipe book: each text method's tokenizer, model, data and training settings.
export { buildTextRecipe, type TextRecipeOptions, textRecipeFor } from './build-text-recipe.js';
export { specialTokenId, specialTokenIds } from './special-token-ids.js';
export {
  TEXT_RECIPE_NAMES,
  TEXT_RECIPES,
  type TextBatch,
  type TextRecipe,
  type TextRecipeContext,
  type TextRecipeName,
  type TextTokenizerKind,
} from './text-recipe-book.js';
export { corpusStream, type TokenizedCorpus } from './tokenized-corpus.js';
