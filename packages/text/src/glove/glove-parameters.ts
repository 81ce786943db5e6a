import { assertInteger, createRandom } from '@selfsup/core';

/**
 * GloVe's trainable state in glove.c's layout: `weights` holds 2 x vocabSize rows of
 * vectorSize + 1 float64 numbers, the word rows (vector, then bias b_i) first, then the
 * context rows (w~_j, b~_j); `gradsq` is AdaGrad's sum of squared steps, one per weight.
 * Both may live on a SharedArrayBuffer (the Node multi-threaded runner does so).
 *
 * @example
 * const parameters = GloveParameters.random(vocabulary.size, 50, 0);
 * const vectors = parameters.wordVectors(); // W + W~, vocabSize x 50
 */
export class GloveParameters {
  /**
   * Parameters over existing arrays (each of length 2 x vocabSize x (vectorSize + 1)).
   *
   * @example
   * const parameters = new GloveParameters(2, 3, new Float64Array(16), new Float64Array(16).fill(1));
   */
  constructor(
    readonly vocabSize: number,
    readonly vectorSize: number,
    readonly weights: Float64Array,
    readonly gradsq: Float64Array,
  ) {
    assertInteger('GloveParameters', 'vocabSize', vocabSize, 1);
    assertInteger('GloveParameters', 'vectorSize', vectorSize, 1);
    const length = 2 * vocabSize * (vectorSize + 1);
    for (const [name, array] of [
      ['weights', weights],
      ['gradsq', gradsq],
    ] as const) {
      if (!(array instanceof Float64Array) || array.length !== length) {
        throw new Error(
          `GloveParameters: ${name} must be a Float64Array of 2 x ${vocabSize} x (${vectorSize} + 1) = ${length}, got ${describeArray(array)}`,
        );
      }
    }
  }

  /**
   * glove.c's initialization: every weight and bias uniform in [-0.5, 0.5) / vectorSize, and
   * every squared-gradient sum 1 ("so the initial step is the initial learning rate").
   * `buffer` makes the arrays on it (e.g. a SharedArrayBuffer of `GloveParameters.bytes`).
   *
   * @example
   * const parameters = GloveParameters.random(1000, 50, 42);
   */
  static random(vocabSize: number, vectorSize: number, seed: number, buffer?: ArrayBufferLike): GloveParameters {
    assertInteger('GloveParameters.random', 'vocabSize', vocabSize, 1);
    assertInteger('GloveParameters.random', 'vectorSize', vectorSize, 1);
    const length = 2 * vocabSize * (vectorSize + 1);
    if (buffer !== undefined && buffer.byteLength !== GloveParameters.bytes(vocabSize, vectorSize)) {
      throw new Error(`GloveParameters.random: buffer must hold ${GloveParameters.bytes(vocabSize, vectorSize)} bytes, got ${buffer.byteLength}`);
    }
    const weights = buffer ? new Float64Array(buffer, 0, length) : new Float64Array(length);
    const gradsq = buffer ? new Float64Array(buffer, length * 8, length) : new Float64Array(length);
    const random = createRandom(seed);
    for (let a = 0; a < length; a++) weights[a] = (random.next() - 0.5) / vectorSize;
    gradsq.fill(1);
    return new GloveParameters(vocabSize, vectorSize, weights, gradsq);
  }

  /**
   * The bytes of a buffer holding the weights then the squared-gradient sums.
   *
   * @example
   * new SharedArrayBuffer(GloveParameters.bytes(1000, 50));
   */
  static bytes(vocabSize: number, vectorSize: number): number {
    return 2 * 2 * vocabSize * (vectorSize + 1) * 8;
  }

  /**
   * Where word `id`'s row (vector, then bias) starts in `weights`.
   *
   * @example
   * parameters.weights[parameters.wordOffset(3) + parameters.vectorSize]; // b_3
   */
  wordOffset(id: number): number {
    return id * (this.vectorSize + 1);
  }

  /**
   * Where context word `id`'s row (w~, then b~) starts in `weights`.
   *
   * @example
   * parameters.weights.subarray(parameters.contextOffset(3), parameters.contextOffset(3) + parameters.vectorSize); // w~_3
   */
  contextOffset(id: number): number {
    return (this.vocabSize + id) * (this.vectorSize + 1);
  }

  /**
   * The vectors GloVe saves: W + W~ without biases, vocabSize x vectorSize row-major
   * (glove.c's default `-model 2`; the paper, section 4.2, finds the sum slightly better).
   * `which: 'word'` gives W alone (`-model 1`).
   *
   * @example
   * const vectors = parameters.wordVectors(); // Float32Array
   */
  wordVectors(which: 'sum' | 'word' = 'sum'): Float32Array {
    if (which !== 'sum' && which !== 'word') throw new Error(`GloveParameters.wordVectors: which must be 'sum' or 'word', got ${String(which)}`);
    const { vocabSize, vectorSize, weights } = this;
    const out = new Float32Array(vocabSize * vectorSize);
    for (let id = 0; id < vocabSize; id++) {
      const word = this.wordOffset(id);
      const context = this.contextOffset(id);
      for (let b = 0; b < vectorSize; b++) out[id * vectorSize + b] = weights[word + b] + (which === 'sum' ? weights[context + b] : 0);
    }
    return out;
  }
}

function describeArray(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${(value as unknown as ArrayLike<number>).length}`;
  return value === null ? 'null' : typeof value;
}
