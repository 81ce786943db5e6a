// Interoperability with gensim (Debian's python3-gensim, installed by
// tooling/ensure-system-packages.js): gensim trains on a few thousand words of Moby Dick and
// saves the word2vec text and binary formats, which we read back bit for bit; gensim reads the
// files we write and re-saves them byte for byte; its sampling tables and vocabulary are ours;
// its nearest neighbours and analogies on the same vectors are ours.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMobyDick } from '../corpora/stdlib-corpora.js';
import { buildVocabulary } from '../vocabulary/vocabulary.js';
import { negativeSamplingTable, subsamplingThresholds } from './sampling-tables.js';
import { trainWord2Vec } from './train-word2vec.js';
import type { WordVectors } from './word-vectors.js';
import { parseWord2VecBinary, serializeWord2VecBinary } from './word2vec-binary-format.js';
import { parseWord2VecText, serializeWord2VecText } from './word2vec-text-format.js';
import { wordSentences } from './word-tokens.js';

/** The Python with gensim: Debian's (`apt-get install python3-gensim`), or GENSIM_PYTHON. */
const PYTHON = process.env.GENSIM_PYTHON ?? '/usr/bin/python3';

const SCRIPT = `
import json, sys
import numpy as np
from gensim.models import KeyedVectors, Word2Vec
folder = sys.argv[1]
sentences = [line.split() for line in open(folder + '/sentences.txt', encoding='utf8')]
model = Word2Vec(sentences, vector_size=24, window=5, min_count=2, sg=1, epochs=3, workers=1, seed=3)
wv = model.wv
wv.save_word2vec_format(folder + '/gensim.txt')
wv.save_word2vec_format(folder + '/gensim.bin', binary=True)
wv.vectors.astype(np.float32).tofile(folder + '/gensim.raw')
answers = {
  'words': wv.index_to_key,
  'counts': [int(wv.get_vecattr(word, 'count')) for word in wv.index_to_key],
  'cumTable': [int(x) for x in model.cum_table],
  'sampleInt': [int(wv.get_vecattr(word, 'sample_int')) for word in wv.index_to_key],
  'similar': wv.most_similar('whale', topn=8),
  'analogy': wv.most_similar(positive=['sea', 'ship'], negative=['whale'], topn=5),
}
for name in ['ours.txt', 'ours.bin']:
  loaded = KeyedVectors.load_word2vec_format(folder + '/' + name, binary=name.endswith('.bin'))
  loaded.vectors.astype(np.float32).tofile(folder + '/loaded-' + name + '.raw')
  answers['loaded-' + name] = loaded.index_to_key
  loaded.save_word2vec_format(folder + '/resaved-' + name, binary=name.endswith('.bin'))
json.dump(answers, open(folder + '/answers.json', 'w'))
`;

interface Answers {
  words: string[];
  counts: number[];
  cumTable: number[];
  sampleInt: number[];
  similar: [string, number][];
  analogy: [string, number][];
  'loaded-ours.txt': string[];
  'loaded-ours.bin': string[];
}

/** Whether two arrays hold the same bytes (vitest's deep equality is slow on big typed arrays). */
const bytesOf = (array: ArrayBufferView) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
const expectSameBytes = (actual: ArrayBufferView, expected: ArrayBufferView) => expect(bytesOf(actual).equals(bytesOf(expected))).toBe(true);

const raw = (file: string) => {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

describe('word2vec files and tables against gensim', () => {
  let folder: string;
  let answers: Answers;
  let sentences: string[][];
  let ours: WordVectors;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'selfsup-word2vec-gensim-'));
    const all = wordSentences((await loadMobyDick()).slice(3, 6));
    sentences = all.slice(0, 300);
    writeFileSync(join(folder, 'sentences.txt'), `${sentences.map((sentence) => sentence.join(' ')).join('\n')}\n`);
    ours = trainWord2Vec(sentences, { minCount: 2, dimension: 24, skipGram: true, epochs: 3 }).vectors;
    writeFileSync(join(folder, 'ours.txt'), serializeWord2VecText(ours));
    writeFileSync(join(folder, 'ours.bin'), serializeWord2VecBinary(ours));
    try {
      await promisify(execFile)(PYTHON, ['-c', SCRIPT, folder], { timeout: 60_000 });
    } catch (error) {
      throw new Error(
        `gensim did not run with ${PYTHON} (install it: apt-get install -y python3-gensim, or set GENSIM_PYTHON): ${(error as Error).message}`,
      );
    }
    answers = JSON.parse(readFileSync(join(folder, 'answers.json'), 'utf8')) as Answers;
  }, 90_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("reads gensim's text and binary files bit for bit", () => {
    const expected = raw(join(folder, 'gensim.raw'));
    const text = parseWord2VecText(readFileSync(join(folder, 'gensim.txt')), 'gensim.txt');
    const binary = parseWord2VecBinary(readFileSync(join(folder, 'gensim.bin')), 'gensim.bin');
    for (const vectors of [text, binary]) {
      expect(vectors.words).toEqual(answers.words);
      expect(vectors.dimension).toBe(24);
      expectSameBytes(vectors.data, expected);
    }
    // The same vectors written by us are gensim's files byte for byte.
    expectSameBytes(serializeWord2VecBinary(binary), readFileSync(join(folder, 'gensim.bin')));
    expect(serializeWord2VecText(text)).toBe(readFileSync(join(folder, 'gensim.txt'), 'utf8'));
  });

  it('gensim reads our text and binary files bit for bit and writes them back byte for byte', () => {
    for (const name of ['ours.txt', 'ours.bin'] as const) {
      expect(answers[`loaded-${name}`]).toEqual(ours.words);
      expectSameBytes(raw(join(folder, `loaded-${name}.raw`)), ours.data);
      expectSameBytes(readFileSync(join(folder, `resaved-${name}`)), readFileSync(join(folder, name)));
    }
  });

  it("builds gensim's vocabulary, negative-sampling table and subsampling thresholds", () => {
    const vocabulary = buildVocabulary(sentences, { minCount: 2 });
    const counts = new Map(answers.words.map((word, i) => [word, answers.counts[i]]));
    expect(new Set(vocabulary.words)).toEqual(new Set(answers.words));
    for (const word of vocabulary.words) expect(vocabulary.count(vocabulary.id(word))).toBe(counts.get(word));
    expect(Array.from(negativeSamplingTable(answers.counts))).toEqual(answers.cumTable);
    expect(Array.from(subsamplingThresholds(answers.counts, 1e-3))).toEqual(answers.sampleInt);
  });

  it("finds gensim's nearest neighbours and analogies on gensim's vectors", () => {
    const vectors = parseWord2VecBinary(readFileSync(join(folder, 'gensim.bin')));
    const similar = vectors.mostSimilar('whale', 8);
    expect(similar.map((neighbour) => neighbour.word)).toEqual(answers.similar.map(([word]) => word));
    similar.forEach((neighbour, i) => {
      expect(neighbour.similarity).toBeCloseTo(answers.similar[i][1], 5);
    });
    const analogy = vectors.analogy('whale', 'sea', 'ship', 5);
    expect(analogy.map((neighbour) => neighbour.word)).toEqual(answers.analogy.map(([word]) => word));
    analogy.forEach((neighbour, i) => {
      expect(neighbour.similarity).toBeCloseTo(answers.analogy[i][1], 5);
    });
  });
});
