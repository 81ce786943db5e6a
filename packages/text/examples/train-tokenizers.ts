// Train a byte-level BPE (GPT-2's scheme) and a WordPiece (BERT's) tokenizer on Moby Dick, save
// them as Hugging Face tokenizer.json folders, and encode a sentence from held-out chapters.
// From packages/text: node --import tsx/esm examples/train-tokenizers.ts [out-folder]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { splitSentences, splitTrainValidation, TextTokenizer, trainByteLevelBpe, trainWordPiece } from '@selfsup/text';
import { loadMobyDick, saveTokenizerFiles } from '@selfsup/text/node';

const out = process.argv[2] ?? 'runs/tokenizers';
// 139 documents (chapters); 14 of them, drawn with seed 0, are held out whole.
const { train, validation } = splitTrainValidation(await loadMobyDick(), { validationFraction: 0.1, seed: 0 });
const sentences = train.flatMap((chapter) => splitSentences(chapter.text));

const bpe = trainByteLevelBpe(sentences, { vocabSize: 4000 }); // <|endoftext|> + 256 bytes + 3,743 merges
const wordPiece = trainWordPiece(sentences, { vocabSize: 4000 }); // [PAD] [UNK] [CLS] [SEP] [MASK] + alphabet + merges
await saveTokenizerFiles(`${out}/moby-bpe`, bpe);
await saveTokenizerFiles(`${out}/moby-wordpiece`, wordPiece);

const sentence = splitSentences(validation[0].text)[2];
console.log(`held-out sentence: ${sentence}`);
for (const [name, files] of [
  ['byte-level BPE', bpe],
  ['WordPiece', wordPiece],
] as const) {
  const tokenizer = TextTokenizer.fromFiles(files);
  const ids = tokenizer.encode(sentence);
  console.log(`${name}: ${ids.length} tokens: ${tokenizer.tokenize(sentence).join(' ')}`);
  console.log(`  decoded: ${tokenizer.decode(ids, { skipSpecialTokens: true })}`);
}
console.log(`saved ${out}/moby-bpe and ${out}/moby-wordpiece (tokenizer.json + tokenizer_config.json)`);
