/** The text objectives whose encoders `encoderInputIds` frames texts for (the text recipe book's names). */
export type TextObjectiveName = 'bert' | 't5' | 'bart' | 'gpt';

/** The special tokens each objective's encoder input is framed with, by their names in `specialTokens`. */
const FRAMES: Record<TextObjectiveName, { start?: string; end?: string }> = {
  // [CLS] A [SEP], the first segment of BERT's pairs.
  bert: { start: 'classifier', end: 'separator' },
  // T5's inputs end with EOS (no start token).
  t5: { end: 'eos' },
  // BART's inputs are <s> ... </s>.
  bart: { start: 'bos', end: 'eos' },
  // A GPT reads the stream as is.
  gpt: {},
};

/**
 * One text's token ids (encoded without special tokens) framed as the objective's encoder
 * read text in pre-training, cut to `maxLength` ids in all: BERT `[CLS] ids [SEP]` (one
 * segment), T5 `ids </s>`, BART `<s> ids </s>`, GPT `ids`. A text longer than the room left
 * keeps its first tokens; the end token is always kept. `specialTokens` holds the ids by the
 * recipe's names (`specialTokenIds(recipe, tokenizer)`): bert `classifier` and `separator`,
 * t5 `eos`, bart `bos` and `eos`.
 *
 * @example
 * encoderInputIds('bert', [17, 18, 19, 20], { specialTokens: { classifier: 2, separator: 3 }, maxLength: 4 }); // [2, 17, 18, 3]
 * encoderInputIds('t5', [17, 18], { specialTokens: { eos: 1 }, maxLength: 128 }); // [17, 18, 1]
 */
export function encoderInputIds(
  objective: TextObjectiveName,
  ids: readonly number[],
  options: { specialTokens: Readonly<Record<string, number>>; maxLength: number },
): number[] {
  const fn = 'encoderInputIds';
  if (!Object.hasOwn(FRAMES, objective)) throw new Error(`${fn}: objective must be one of ${Object.keys(FRAMES).join(', ')}, got '${objective}'`);
  const frame = FRAMES[objective];
  const special = (name: string | undefined): number[] => {
    if (name === undefined) return [];
    const id = options?.specialTokens?.[name];
    if (!Number.isInteger(id) || id < 0) throw new Error(`${fn}: ${objective} needs specialTokens.${name} (a token id), got ${String(id)}`);
    return [id];
  };
  const start = special(frame.start);
  const end = special(frame.end);
  const room = options.maxLength - start.length - end.length;
  if (!Number.isInteger(options.maxLength) || room < 0) {
    throw new Error(`${fn}: maxLength must be an integer of at least ${start.length + end.length} for ${objective}, got ${options.maxLength}`);
  }
  return [...start, ...ids.slice(0, room), ...end];
}
