/**
 * The defaults of GloVe (Pennington, Socher and Manning 2014), each the value of the
 * Stanford reference code (github.com/stanfordnlp/GloVe, `src/cooccur.c`, `src/glove.c`,
 * `demo.sh`) unless noted; where the paper differs, the comment says so.
 *
 * @example
 * GLOVE_DEFAULTS.xMax; // 100
 * trainGlove(sentences, { ...GLOVE_DEFAULTS, vectorSize: 100 });
 */
export const GLOVE_DEFAULTS = Object.freeze({
  /** Vector dimension: glove.c's `-vector-size` default and demo.sh's 50 (the paper's main results use 300). */
  vectorSize: 50,
  /** Context words on each side: cooccur.c's `-window-size` default and demo.sh's 15 (the paper uses 10). */
  windowSize: 15,
  /** Count the right context too, X symmetric: cooccur.c's `-symmetric 1`. */
  symmetric: true,
  /** A pair d words apart adds 1/d (paper section 4.2; cooccur.c's `-distance-weighting 1`); false adds 1. */
  distanceWeighting: true,
  /** Words seen fewer times are dropped before windowing: demo.sh's `VOCAB_MIN_COUNT=5` (vocab_count's own default is 1). */
  minCount: 5,
  /** Cutoff of the weighting function f(x) = min(1, (x / xMax)^alpha): glove.c's default and the paper's 100 (demo.sh passes 10 for text8). */
  xMax: 100,
  /** Exponent of the weighting function: glove.c's and the paper's 0.75. */
  alpha: 0.75,
  /** AdaGrad's initial learning rate: glove.c's `-eta` and the paper's 0.05. */
  learningRate: 0.05,
  /** Passes over the nonzero entries: glove.c's `-iter` default 25 (demo.sh runs 15; the paper 50 below 300 dimensions, 100 above). */
  epochs: 25,
  /** Each gradient component is clipped to [-gradientClip, gradientClip]: glove.c's `-grad-clip` 100. */
  gradientClip: 100,
  /** Seed of the initial parameters and of each epoch's shuffle (glove.c seeds from the clock unless `-seed`). */
  seed: 0,
});
