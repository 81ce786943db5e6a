import type { SeededRandom } from '@selfsup/core';

export interface SamplingOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
}

/** How the next token is drawn: the defaults sample from the model's own distribution. */
export const SAMPLING_DEFAULTS: Readonly<Required<SamplingOptions>> = Object.freeze({
  /** Divides the logits; 0 means greedy (always the most likely token). */
  temperature: 1,
  /** Keep only the k most likely tokens (Fan et al. 2018); 0 keeps all. */
  topK: 0,
  /** Keep the smallest set of most likely tokens whose probability reaches p (nucleus sampling, Holtzman et al. 2020); 1 keeps all. */
  topP: 1,
});

/**
 * Draws one token id from next-token `logits` (a vector over the vocabulary): greedy at
 * temperature 0, else softmax(logits / temperature) restricted to the top-k tokens and
 * then to the nucleus of probability top-p (the token that crosses p is kept, so at least
 * one token always remains, as in Hugging Face's `TopPLogitsWarper`), renormalised.
 * Ties go to the lower id. Pure: the randomness comes from `random`.
 *
 * @example
 * const random = createRandom(0);
 * sampleToken([2, 1, 0.5], random, { temperature: 0 });            // 0 (greedy)
 * sampleToken([2, 1, 0.5], random, { temperature: 0.8, topK: 2 }); // 0 or 1
 */
export function sampleToken(logits: ArrayLike<number>, random: SeededRandom, options: SamplingOptions = {}): number {
  const { temperature, topK, topP } = { ...SAMPLING_DEFAULTS, ...options };
  checkOptions(logits, temperature, topK, topP);
  // Ids by decreasing logit (ties: lower id first): the order top-k and top-p cut.
  const order = Array.from({ length: logits.length }, (_, i) => i).sort((a, b) => logits[b] - logits[a] || a - b);
  if (temperature === 0) return order[0];
  const kept = topK > 0 ? order.slice(0, topK) : order;
  const best = logits[kept[0]];
  const weights = kept.map((id) => Math.exp((logits[id] - best) / temperature));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let nucleus = kept.length;
  if (topP < 1) {
    let cumulative = 0;
    for (let i = 0; i < kept.length; i++) {
      cumulative += weights[i] / total;
      if (cumulative >= topP) {
        nucleus = i + 1;
        break;
      }
    }
  }
  const nucleusTotal = weights.slice(0, nucleus).reduce((sum, w) => sum + w, 0);
  let u = random.next() * nucleusTotal;
  for (let i = 0; i < nucleus; i++) {
    u -= weights[i];
    if (u < 0) return kept[i];
  }
  return kept[nucleus - 1];
}

function checkOptions(logits: ArrayLike<number>, temperature: number, topK: number, topP: number): void {
  if (logits.length === 0) throw new Error('sampleToken: logits must have at least one entry');
  for (let i = 0; i < logits.length; i++) {
    if (Number.isNaN(logits[i])) throw new Error(`sampleToken: logits[${i}] is NaN (the model diverged?)`);
  }
  if (!(temperature >= 0 && Number.isFinite(temperature)))
    throw new Error(`sampleToken: temperature must be a finite number >= 0, got ${temperature}`);
  if (!Number.isInteger(topK) || topK < 0) throw new Error(`sampleToken: topK must be an integer >= 0 (0 keeps all), got ${topK}`);
  if (!(topP > 0 && topP <= 1)) throw new Error(`sampleToken: topP must be in (0, 1], got ${topP}`);
}
