#!/usr/bin/python3
"""gensim's side of bench/word2vec-vs-gensim.ts: Word2Vec on the very sentences that script
wrote (one sentence a line, words separated by single spaces: the tokenization is done once,
in TypeScript, for both), timed as that script times ours.

Needs Debian's package: apt-get install -y python3-gensim (gensim 4.2; run it with
/usr/bin/python3, not another interpreter).

Usage: word2vec_gensim.py SENTENCES.txt --workers N --epochs E --seed S [--sg 1] [--out VECTORS.bin]
       word2vec_gensim.py --analogies VECTORS.bin QUESTIONS.txt

Training: the sentences are read into a list first (as ours are in memory); build_vocab is
timed apart; `train` is timed alone and its raw word count (words before subsampling,
unknown words included, over all epochs) over those seconds is the words/s reported, the
figure gensim's own progress log shows as "words/s" of raw words. Every other setting is
gensim's default: vector_size 100, window 5, negative 5, ns_exponent 0.75, sample 1e-3,
min_count 5, alpha 0.025 -> min_alpha 1e-4, hs 0, cbow_mean 1, shrink_windows True.
Prints one JSON line: {words, rawWords, effectiveWords, vocabulary, trainSeconds,
vocabularySeconds, wordsPerSecond, fastVersion}; --out saves the vectors in the binary
word2vec format for the neighbour comparison.

--analogies prints evaluate_word_analogies's result on the vectors in VECTORS.bin (ours or
gensim's) as JSON: {correct, incorrect, accuracy} with restrict_vocab 300000 and
case_insensitive, as ours.
"""
import argparse, json, sys, time

from gensim.models import KeyedVectors, Word2Vec
from gensim.models.word2vec_inner import FAST_VERSION


def train(args):
    with open(args.sentences, encoding='utf8') as file:
        sentences = [line.split(' ') for line in file.read().split('\n') if line]
    model = Word2Vec(sg=args.sg, workers=args.workers, epochs=args.epochs, seed=args.seed)
    started = time.perf_counter()
    model.build_vocab(sentences)
    vocabulary_seconds = time.perf_counter() - started
    started = time.perf_counter()
    effective, raw = model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
    train_seconds = time.perf_counter() - started
    if args.out:
        model.wv.save_word2vec_format(args.out, binary=True)
    print(json.dumps({
        'words': sum(len(sentence) for sentence in sentences),
        'rawWords': raw,
        'effectiveWords': effective,
        'vocabulary': len(model.wv),
        'trainSeconds': train_seconds,
        'vocabularySeconds': vocabulary_seconds,
        'wordsPerSecond': raw / train_seconds,
        'fastVersion': FAST_VERSION,
    }))


def analogies(vectors_file, questions_file):
    vectors = KeyedVectors.load_word2vec_format(vectors_file, binary=True)
    score, sections = vectors.evaluate_word_analogies(questions_file, restrict_vocab=300000, case_insensitive=True)
    total = next(section for section in sections if section['section'] == 'Total accuracy')
    print(json.dumps({'correct': len(total['correct']), 'incorrect': len(total['incorrect']), 'accuracy': score}))


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--analogies':
        analogies(sys.argv[2], sys.argv[3])
        sys.exit(0)
    parser = argparse.ArgumentParser()
    parser.add_argument('sentences')
    parser.add_argument('--workers', type=int, required=True)
    parser.add_argument('--epochs', type=int, default=5)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--sg', type=int, default=1)
    parser.add_argument('--out')
    train(parser.parse_args())
