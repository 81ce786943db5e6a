// A character-level GPT on Moby Dick: the text recipe book's model (nanoGPT's CPU shape,
// 4 layers x 4 heads x 128, context 64) for a few steps, its loss on held-out chapters,
// then a continuation sampled with the key/value cache. `selfsup pretrain --method gpt`
// runs the same recipe for real (1,300 steps, on every core).
// From packages/text: node --import tsx/esm examples/gpt.ts
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { AdamW, evaluateMethod, initBackend, train, warmupCosineSchedule } from '@selfsup/core';
import { CharacterTokenizer, buildTextRecipe, generate, splitTrainValidation, tokenWindows } from '@selfsup/text';
import { loadMobyDick } from '@selfsup/text/node';

await initBackend(); // wasm here (or native TensorFlow when installed)
const { train: chapters, validation } = splitTrainValidation(await loadMobyDick(), { validationFraction: 0.1, seed: 0 });
const tokenizer = CharacterTokenizer.train(
  chapters.map((c) => c.text),
  { specialTokens: ['<unk>'], unknownToken: '<unk>' },
);
const stream = (documents: typeof chapters) => tokenizer.encode(documents.map((d) => d.text).join('\n'));

const steps = 40;
const { method, recipe } = buildTextRecipe({ method: 'gpt', vocabularySize: tokenizer.vocabSize, specialTokens: {}, totalSteps: steps });
const result = await train({
  method,
  data: tokenWindows({ tokens: stream(chapters), contextLength: recipe.contextLength, batchSize: 16 }),
  optimizer: new AdamW({ learningRate: recipe.learningRate, weightDecay: recipe.weightDecay }),
  schedule: warmupCosineSchedule({ baseValue: recipe.learningRate, totalSteps: steps, warmupSteps: 5 }),
  steps,
});
console.log(`training loss ${result.losses[0].toFixed(3)} -> ${result.losses.at(-1)!.toFixed(3)} nats per character`);

// The held-out loss: the same objective on windows of chapters the model never saw.
const heldOut = await evaluateMethod(method, tokenWindows({ tokens: stream(validation), contextLength: 64, batchSize: 16 }), { batches: 4 });
console.log(`validation loss ${heldOut.loss.toFixed(3)} nats per character on ${heldOut.examples} held-out windows`);

const prompt = 'Call me Ishmael. ';
const continuation = generate(method.encoder, tokenizer.encode(prompt), { maxNewTokens: 120, temperature: 0.8, topP: 0.95, seed: 1 });
console.log(`${prompt}${tokenizer.decode(continuation)}`);
