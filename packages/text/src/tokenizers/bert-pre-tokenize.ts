/**
 * BERT's text normalization and pre-tokenization (Devlin et al. 2019, `tokenization.py`
 * `BasicTokenizer`; Hugging Face's `BertNormalizer` + `BertPreTokenizer`), used to count the
 * words a WordPiece vocabulary is trained on:
 *
 * 1. clean: drop U+0000, U+FFFD and control characters, turn every whitespace into a space;
 * 2. put spaces around CJK ideographs (each becomes its own word);
 * 3. when `lowercase`: lower-case, then strip accents (NFD, drop combining marks);
 * 4. split on whitespace, and split off every punctuation character as its own word
 *    (ASCII symbols count as punctuation, as in BERT).
 *
 * @example
 * bertPreTokenize("Héllo, World!", { lowercase: true }); // ['hello', ',', 'world', '!']
 */
export function bertPreTokenize(text: string, options: { lowercase?: boolean } = {}): string[] {
  let normalized = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code === 0 || code === 0xfffd || isControl(character)) continue;
    if (isWhitespace(character)) normalized += ' ';
    else if (isCjk(code)) normalized += ` ${character} `;
    else normalized += character;
  }
  if (options.lowercase ?? true)
    normalized = normalized
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '');
  const words: string[] = [];
  for (const chunk of normalized.split(' ')) {
    let word = '';
    for (const character of chunk) {
      if (isPunctuation(character)) {
        if (word) words.push(word);
        words.push(character);
        word = '';
      } else {
        word += character;
      }
    }
    if (word) words.push(word);
  }
  return words;
}

function isWhitespace(character: string): boolean {
  return character === ' ' || character === '\t' || character === '\n' || character === '\r' || /^\p{Zs}$/u.test(character);
}

function isControl(character: string): boolean {
  if (character === '\t' || character === '\n' || character === '\r') return false;
  return /^\p{C}$/u.test(character);
}

function isPunctuation(character: string): boolean {
  const code = character.codePointAt(0)!;
  if ((code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126)) return true;
  return /^\p{P}$/u.test(character);
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x20000 && code <= 0x2a6df) ||
    (code >= 0x2a700 && code <= 0x2b73f) ||
    (code >= 0x2b740 && code <= 0x2b81f) ||
    (code >= 0x2b820 && code <= 0x2ceaf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x2f800 && code <= 0x2fa1f)
  );
}
