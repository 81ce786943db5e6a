// Argument checks shared by every package: errors name the function and the argument.
export { describeValue } from './describe-value.js';
export {
  assertFiniteNumber,
  assertInteger,
  assertMinMaxPair,
  assertPositiveInteger,
  assertPositiveNumber,
  assertProbability,
  type NumberRange,
} from './number-checks.js';
export { assertFunction, assertOneOf } from './option-checks.js';
export {
  assertDtype,
  assertFloatTensor,
  assertNonEmpty,
  assertRank,
  assertSameShape,
  assertTensor,
  formatShape,
  shapesEqual,
} from './tensor-checks.js';
