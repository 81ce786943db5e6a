import type { TextRecipe } from './text-recipe-book.js';

/**
 * The ids of a recipe's special tokens in a trained tokenizer, by the recipe's names
 * (`recipe.tokenizerSpecialTokens`): the `specialTokens` of `buildTextRecipe` and of
 * `recipe.data`. Throws naming the token the tokenizer lacks (it was trained without it).
 *
 * @example
 * const recipe = textRecipeFor('bart');
 * const tokenizer = TextTokenizer.fromFiles(trainByteLevelBpe(texts, { vocabSize: recipe.vocabularySize, specialTokens: Object.values(recipe.tokenizerSpecialTokens ?? {}) }));
 * const specialTokens = specialTokenIds(recipe, tokenizer); // { bos: 0, pad: 1, eos: 2, mask: 3 }
 */
export function specialTokenIds(
  recipe: Pick<TextRecipe, 'tokenizerSpecialTokens'>,
  tokenizer: { tokenToId(token: string): number | undefined },
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(recipe.tokenizerSpecialTokens ?? {}).map(([name, token]) => {
      const id = tokenizer.tokenToId(token);
      if (id === undefined)
        throw new Error(`specialTokenIds: the tokenizer has no '${token}' token (${name}): train it with the recipe's tokenizerSpecialTokens`);
      return [name, id];
    }),
  );
}

/**
 * The id of the special token `name` for a text recipe's `build` or `data`, or an error that
 * names the recipe and the token.
 *
 * @example
 * const maskTokenId = specialTokenId('bert', specialTokens, 'mask');
 */
export function specialTokenId(recipe: string, specialTokens: Record<string, number>, name: string): number {
  const id = specialTokens?.[name];
  if (!Number.isInteger(id) || id < 0) {
    throw new Error(
      `text recipe '${recipe}': specialTokens.${name} must be a token id, got ${String(id)} (pass specialTokenIds(recipe, tokenizer) for a tokenizer trained with the recipe's tokenizerSpecialTokens)`,
    );
  }
  return id;
}
