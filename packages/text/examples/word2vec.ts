// Word2Vec on Moby Dick: skip-gram with negative sampling on every core (worker threads on
// shared memory, Hogwild as gensim), the nearest neighbours of a few words, an analogy, and
// the word2vec text and binary files that gensim's KeyedVectors.load_word2vec_format reads.
// From packages/text: node --import tsx/esm examples/word2vec.ts [out-folder]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { wordSentences } from '@selfsup/text';
import { loadMobyDick, loadWord2VecFormat, saveWord2VecFormat, trainWord2VecParallel } from '@selfsup/text/node';

const out = process.argv[2] ?? 'runs/word2vec';
// Sentences of lower-cased words (runs of letters): 9,294 sentences, 218,938 words.
const sentences = wordSentences(await loadMobyDick());

const model = await trainWord2VecParallel(sentences, {
  skipGram: true, // gensim's default is CBOW (sg=0)
  epochs: 5, // every other option is gensim's default: 100 dimensions, window 5, 5 negatives, min count 5, sample 1e-3
  computeLoss: true,
  onProgress: ({ epoch, epochs, progress, alpha, wordsPerSecond }) =>
    console.log(`epoch ${epoch + 1}/${epochs} ${(progress * 100).toFixed(0)}%: alpha ${alpha.toFixed(4)}, ${Math.round(wordsPerSecond)} words/s`),
});
console.log(`${model.vocabulary.size} words; objective per update, by epoch: ${model.losses.map((loss) => loss.toFixed(3)).join(', ')}`);
for (const word of ['whale', 'ship', 'captain', 'sea', 'three']) {
  const neighbours = model.vectors.mostSimilar(word, 5).map(({ word, similarity }) => `${word} ${similarity.toFixed(2)}`);
  console.log(`${word}: ${neighbours.join(', ')}`);
}
// a is to b as c is to ?: the nearest word to b - a + c (3CosAdd), the three left out.
const answers = model.vectors.analogy('ahab', 'captain', 'starbuck', 3).map((neighbour) => neighbour.word);
console.log(`ahab : captain :: starbuck : ${answers.join(' / ')}`);

await saveWord2VecFormat(`${out}/moby-word2vec.txt`, model.vectors); // '<words> <dimension>' then 'word v1 ... v100'
await saveWord2VecFormat(`${out}/moby-word2vec.bin`, model.vectors, { binary: true }); // as gensim's binary=True
const reloaded = await loadWord2VecFormat(`${out}/moby-word2vec.bin`, { binary: true });
const same = reloaded.data.every((value, i) => value === model.vectors.data[i]);
console.log(`saved ${out}/moby-word2vec.{txt,bin} (${reloaded.size} x ${reloaded.dimension}); read back identical: ${same}`);
