// GloVe on Moby Dick: the windowed, distance-weighted co-occurrence counts, 15 epochs of
// glove.c's AdaGrad on every core (Hogwild), the nearest neighbours of a few words, and GloVe's text file.
// From packages/text: node --import tsx/esm examples/glove.ts [out-folder]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { loadGloveText, loadMobyDick, saveGloveText, trainGloveParallel } from '@selfsup/text/node';

const out = process.argv[2] ?? 'runs/glove';
// One word list per paragraph (windows never cross one): lower-cased runs of letters.
const paragraphs = (await loadMobyDick())
  .flatMap((chapter) => chapter.text.split(/\n\s*\n/))
  .map((paragraph) => paragraph.toLowerCase().match(/\p{L}+/gu) ?? []);

const { vocabulary, cooccurrences, vectors } = await trainGloveParallel(paragraphs, {
  windowSize: 10, // the paper's 10 words each side (glove.c's default: 15)
  xMax: 10, // demo.sh's value for a small corpus; the default 100 (paper, glove.c) is for billions of words
  epochs: 15,
  onEpoch: ({ epoch, epochs, cost, entriesPerSecond }) =>
    console.log(`epoch ${epoch}/${epochs}: cost ${cost.toFixed(4)}, ${Math.round(entriesPerSecond).toLocaleString('en')} entries/s`),
});
console.log(`${vocabulary.size} words (min count 5), ${cooccurrences.values.length.toLocaleString('en')} nonzero co-occurrences`);
for (const word of ['whale', 'captain', 'starbuck', 'sea', 'three']) {
  const neighbours = vectors.mostSimilar(word, 5).map(({ word, similarity }) => `${word} ${similarity.toFixed(2)}`);
  console.log(`${word}: ${neighbours.join(', ')}`);
}

await saveGloveText(`${out}/moby-glove.txt`, vectors); // "word v1 ... v50" per line, as glove.c's vectors.txt
const reloaded = await loadGloveText(`${out}/moby-glove.txt`);
console.log(`saved ${out}/moby-glove.txt (${reloaded.size} x ${reloaded.dimension}); nearest to whale: ${reloaded.mostSimilar('whale', 1)[0].word}`);
