import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CharacterTokenizer,
  type TextDocument,
  type TextRecipe,
  TextTokenizer,
  specialTokenIds,
  splitSentences,
  trainByteLevelBpe,
  trainWordPiece,
} from '@selfsup/text';
import { readTokenizerFiles, saveTokenizerFiles } from '@selfsup/text/node';
import { writeFileAtomically } from '@selfsup/core/node';

/** What a text run needs of its tokenizer, whichever kind its recipe trains. */
export interface RunTokenizer {
  kind: TextRecipe['tokenizer'];
  vocabSize: number;
  /** Ids of the special tokens the recipe's objective uses, by name. */
  specialTokens: Record<string, number>;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

/** The file a character tokenizer is saved to, inside the run's tokenizer folder. */
const CHARACTERS_FILE = 'characters.json';
const UNKNOWN = '<unk>';

/**
 * Trains the tokenizer of a text recipe on the training documents (never on validation
 * text) and saves it in `folder`, so that `--resume`, `selfsup generate` and `selfsup embed`
 * read the same one: a character tokenizer (with an unknown token for characters that only
 * validation or a prompt has) or a subword tokenizer (WordPiece, or byte-level BPE with the
 * recipe's special tokens) as Hugging Face tokenizer.json.
 *
 * @example
 * const tokenizer = await trainRunTokenizer(textRecipeFor('gpt'), dataset.train, 'runs/gpt-moby-dick/tokenizer');
 */
export async function trainRunTokenizer(recipe: TextRecipe, documents: readonly TextDocument[], folder: string): Promise<RunTokenizer> {
  await mkdir(folder, { recursive: true });
  const texts = documents.map((d) => d.text);
  if (recipe.tokenizer !== 'character') {
    const vocabSize = recipe.vocabularySize ?? 8000;
    const files =
      recipe.tokenizer === 'wordpiece'
        ? trainWordPiece(texts, { vocabSize })
        : trainByteLevelBpe(texts, { vocabSize, specialTokens: Object.values(recipe.tokenizerSpecialTokens ?? {}) });
    await saveTokenizerFiles(folder, files);
    return subwordRunTokenizer(recipe, TextTokenizer.fromFiles(files));
  }
  const tokenizer = CharacterTokenizer.train(
    documents.map((d) => d.text),
    { specialTokens: [UNKNOWN], unknownToken: UNKNOWN },
  );
  await writeFileAtomically(join(folder, CHARACTERS_FILE), `${JSON.stringify(tokenizer.toJSON())}\n`);
  return characterRunTokenizer(tokenizer);
}

/**
 * Reads the tokenizer a text run of `recipe` saved (`trainRunTokenizer`).
 *
 * @example
 * const tokenizer = await readRunTokenizer(textRecipeFor('gpt'), 'runs/gpt-moby-dick/tokenizer');
 * tokenizer.decode(tokenizer.encode('Call me Ishmael.')); // 'Call me Ishmael.'
 */
export async function readRunTokenizer(recipe: TextRecipe, folder: string): Promise<RunTokenizer> {
  const characters = await readFile(join(folder, CHARACTERS_FILE), 'utf8').catch(() => null);
  if (characters !== null) return characterRunTokenizer(CharacterTokenizer.fromJSON(JSON.parse(characters)));
  const files = await readTokenizerFiles(folder).catch((error: Error) => {
    throw new Error(`selfsup: ${folder} holds no tokenizer (${CHARACTERS_FILE}, or tokenizer.json): ${error.message}`);
  });
  return subwordRunTokenizer(recipe, TextTokenizer.fromFiles(files));
}

/** A trained subword tokenizer with the ids of the recipe's special tokens; encodes without adding them (the objectives do). */
function subwordRunTokenizer(recipe: TextRecipe, tokenizer: TextTokenizer): RunTokenizer {
  return {
    kind: recipe.tokenizer,
    vocabSize: tokenizer.vocabSize,
    specialTokens: specialTokenIds(recipe, tokenizer),
    encode: (text) => tokenizer.encode(text, { addSpecialTokens: false }),
    decode: (ids) => tokenizer.decode(ids, { skipSpecialTokens: true }),
  };
}

function characterRunTokenizer(tokenizer: CharacterTokenizer): RunTokenizer {
  const newline = tokenizer.encode('\n');
  return {
    kind: 'character',
    vocabSize: tokenizer.vocabSize,
    // Documents join with a line break in the GPT's stream (when the corpus has one).
    specialTokens: newline[0] !== 0 ? { documentSeparator: newline[0] } : {},
    encode: (text) => tokenizer.encode(text),
    decode: (ids) => tokenizer.decode(ids),
  };
}

/**
 * Documents as token ids: a character model reads each document whole (one "sentence"
 * holding its text, line breaks included); subword objectives read sentences.
 *
 * @example
 * const corpus = tokenizeDocuments(dataset.train, tokenizer); // { documents: number[][][] }
 */
export function tokenizeDocuments(documents: readonly TextDocument[], tokenizer: RunTokenizer): { documents: number[][][] } {
  if (tokenizer.kind === 'character') return { documents: documents.map((d) => [tokenizer.encode(d.text)]) };
  return { documents: documents.map((d) => splitSentences(d.text).map((sentence) => tokenizer.encode(sentence))) };
}
