import type { WordVectors } from './word-vectors.js';

/** One question of an analogy set: a is to b as c is to expected. */
export interface AnalogyQuestion {
  section: string;
  a: string;
  b: string;
  c: string;
  expected: string;
}

/** Options of `evaluateAnalogies`. */
export interface EvaluateAnalogiesOptions {
  /** Only the first (most frequent) this many words are used, in questions and answers: gensim's `restrict_vocab=300000`. */
  restrictVocab?: number;
  /** Compare words case-insensitively (upper-cased, the more frequent word winning a clash): gensim's `case_insensitive=True`. */
  caseInsensitive?: boolean;
}

/** The score of one section (or of all of them). */
export interface AnalogySectionScore {
  section: string;
  correct: number;
  incorrect: number;
  /** correct / (correct + incorrect); NaN without a question. */
  accuracy: number;
}

/** What `evaluateAnalogies` returns. */
export interface AnalogyEvaluation extends AnalogySectionScore {
  /** Per section, in file order. */
  sections: AnalogySectionScore[];
  /** Questions with a word outside the (restricted) vocabulary: not asked, as gensim's default. */
  skipped: number;
}

/**
 * Reads an analogy set in the Google format of word2vec's questions-words.txt: ': section'
 * lines, then 'a b c d' lines (a is to b as c is to d). Blank lines are skipped; any other
 * line throws naming its number.
 *
 * @example
 * parseAnalogies(': family\nman woman king queen\n'); // [{ section: 'family', a: 'man', b: 'woman', c: 'king', expected: 'queen' }]
 */
export function parseAnalogies(text: string): AnalogyQuestion[] {
  if (typeof text !== 'string') throw new Error(`parseAnalogies: text must be a string, got ${typeof text}`);
  const questions: AnalogyQuestion[] = [];
  let section: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.startsWith(':')) {
      section = line.slice(1).trim();
      continue;
    }
    const words = line.split(/\s+/);
    if (words.length !== 4) throw new Error(`parseAnalogies: line ${i + 1} must be ': section' or four words 'a b c d', got '${line.slice(0, 80)}'`);
    if (section === undefined) throw new Error(`parseAnalogies: line ${i + 1} comes before the first ': section' line`);
    questions.push({ section, a: words[0], b: words[1], c: words[2], expected: words[3] });
  }
  return questions;
}

/**
 * Scores analogy questions as gensim's `evaluate_word_analogies`: only the first
 * `restrictVocab` words count; a question with a word outside them is skipped; otherwise the
 * answer is the best 3CosAdd word (nearest to unit(b) - unit(a) + unit(c) among those words)
 * that is not a, b or c, and it is correct when it equals d.
 *
 * @example
 * evaluateAnalogies(vectors, parseAnalogies(questionsText)).accuracy; // 0.42
 */
export function evaluateAnalogies(
  vectors: WordVectors,
  questions: readonly AnalogyQuestion[],
  options: EvaluateAnalogiesOptions = {},
): AnalogyEvaluation {
  const fn = 'evaluateAnalogies';
  const { restrictVocab = 300000, caseInsensitive = true } = options;
  if (!Number.isInteger(restrictVocab) || restrictVocab < 1)
    throw new Error(`${fn}: options.restrictVocab must be an integer >= 1, got ${restrictVocab}`);
  if (!Array.isArray(questions)) throw new Error(`${fn}: questions must be an array (parseAnalogies), got ${typeof questions}`);
  const rows = Math.min(restrictVocab, vectors.size);
  const key = (word: string) => (caseInsensitive ? word.toUpperCase() : word);
  // The more frequent (earlier) word wins a case clash.
  const ids = new Map<string, number>();
  for (let row = rows - 1; row >= 0; row--) ids.set(key(vectors.words[row]), row);
  // Each row's word as the row that stands for it (itself unless a more frequent word differs only in case).
  const canonical = Int32Array.from({ length: rows }, (_, row) => ids.get(key(vectors.words[row]))!);
  const unit = vectors.unitVectors();
  const dimension = vectors.dimension;
  const query = new Float64Array(dimension);
  const sections = new Map<string, AnalogySectionScore>();
  let skipped = 0;
  for (const question of questions) {
    const [a, b, c] = [question.a, question.b, question.c].map((word) => ids.get(key(word)));
    const expected = ids.get(key(question.expected));
    if (a === undefined || b === undefined || c === undefined || expected === undefined) {
      skipped++;
      continue;
    }
    let norm = 0;
    for (let k = 0; k < dimension; k++) {
      query[k] = unit[b * dimension + k] - unit[a * dimension + k] + unit[c * dimension + k];
      norm += query[k] * query[k];
    }
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let row = 0; row < rows; row++) {
      const word = canonical[row];
      if (word === a || word === b || word === c) continue;
      let dot = 0;
      const offset = row * dimension;
      for (let k = 0; k < dimension; k++) dot += unit[offset + k] * query[k];
      if (dot > bestScore) {
        bestScore = dot;
        best = row;
      }
    }
    let score = sections.get(question.section);
    if (!score) {
      score = { section: question.section, correct: 0, incorrect: 0, accuracy: Number.NaN };
      sections.set(question.section, score);
    }
    if (norm > 0 && best >= 0 && canonical[best] === expected) score.correct++;
    else score.incorrect++;
  }
  const scores = [...sections.values()].map((score) => ({ ...score, accuracy: score.correct / (score.correct + score.incorrect) }));
  const correct = scores.reduce((sum, score) => sum + score.correct, 0);
  const incorrect = scores.reduce((sum, score) => sum + score.incorrect, 0);
  return {
    section: 'total',
    correct,
    incorrect,
    accuracy: correct + incorrect > 0 ? correct / (correct + incorrect) : Number.NaN,
    sections: scores,
    skipped,
  };
}
