import * as tf from '../tf.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS, useBackend } from '../testing/index.js';
import { AdamW } from './adamw.js';
import { SGD } from './sgd.js';

let count = 0;

/** Two fresh variables under new unique names: each call is "the same model" rebuilt. */
function makeVariables(): tf.Variable[] {
  const prefix = `slots${++count}`;
  const kernel = tf.variable(
    tf.tensor2d([
      [1, -2],
      [3, 0.5],
    ]),
    true,
    `${prefix}/kernel`,
  );
  const bias = tf.variable(tf.tensor1d([0.25, -1]), true, `${prefix}/bias`);
  return [kernel, bias];
}

const gradientsFor = (variables: tf.Variable[], scale = 1): tf.NamedTensorMap =>
  Object.fromEntries(variables.map((v) => [v.name, tf.mul(tf.onesLike(v), scale)]));

describe.each(TEST_BACKENDS)('the optimizers’ shared machinery on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('accepts gradients as a map or as a list of { name, tensor }', () => {
    const [a1, b1] = makeVariables();
    const [a2, b2] = makeVariables();
    const first = new SGD({ learningRate: 0.1 });
    const second = new SGD({ learningRate: 0.1 });
    const map = gradientsFor([a1, b1]);
    const list = [a2, b2].map((v, i) => ({ name: v.name, tensor: Object.values(map)[i] }));
    first.applyGradients(map);
    second.applyGradients(list);
    expect(a1.dataSync()).toEqual(a2.dataSync());
    expect(b1.dataSync()).toEqual(b2.dataSync());
    tf.dispose([map, a1, b1, a2, b2]);
    first.dispose();
    second.dispose();
  });

  it('skips a variable whose gradient is missing, without advancing its step count', async () => {
    const [kernel, bias] = makeVariables();
    const optimizer = new AdamW({ learningRate: 0.1 });
    const gradients = gradientsFor([kernel, bias]);
    optimizer.applyGradients(gradients);
    const biasBefore = bias.dataSync().slice();
    optimizer.applyGradients([
      { name: kernel.name, tensor: gradients[kernel.name] },
      { name: bias.name, tensor: undefined as unknown as tf.Tensor },
    ]);
    expect(bias.dataSync()).toEqual(biasBefore);
    const weights = await optimizer.getWeights();
    const steps = Object.fromEntries(weights.map((w) => [w.name, w.tensor.dataSync()[0]]));
    expect(steps).toMatchObject({ iter: 2, [`${kernel.name}/step`]: 2, [`${bias.name}/step`]: 1 });
    weights[0].tensor.dispose();
    tf.dispose([gradients, kernel, bias]);
    optimizer.dispose();
  });

  it('rejects gradients for unknown variables or of the wrong shape', () => {
    const [kernel, bias] = makeVariables();
    const optimizer = new SGD({ learningRate: 0.1 });
    const wrongShape = tf.ones([3]);
    expect(() => optimizer.applyGradients({ 'no/such/variable': wrongShape })).toThrow(
      /SGD: got a gradient for 'no\/such\/variable', which is not a registered variable/,
    );
    expect(() => optimizer.applyGradients({ [bias.name]: wrongShape })).toThrow(
      /SGD: the gradient of '.*\/bias' has shape \[3\], the variable \[2\]/,
    );
    tf.dispose([wrongShape, kernel, bias]);
    optimizer.dispose();
  });

  it('rejects malformed state in setWeights', async () => {
    const optimizer = new AdamW();
    const m = tf.zeros([2]);
    const iter = tf.scalar(3, 'int32');
    const step = tf.scalar(3, 'int32');
    await expect(optimizer.setWeights([{ name: 'x/m', tensor: m }])).rejects.toThrow(/AdamW: setWeights needs the 'iter' entry/);
    await expect(
      optimizer.setWeights([
        { name: 'iter', tensor: iter },
        { name: 'x/momentum', tensor: m },
      ]),
    ).rejects.toThrow(/AdamW: setWeights got 'x\/momentum', expected names '<variable>\/<slot>' with slot one of m, v, step/);
    await expect(
      optimizer.setWeights([
        { name: 'iter', tensor: iter },
        { name: 'x/m', tensor: m },
        { name: 'x/step', tensor: step },
      ]),
    ).rejects.toThrow(/AdamW: setWeights is missing 'x\/v'/);
    await expect(
      optimizer.setWeights([
        { name: 'iter', tensor: iter },
        { name: 'x/m', tensor: m },
        { name: 'x/v', tensor: m },
        { name: 'x/step', tensor: m },
      ]),
    ).rejects.toThrow(/AdamW: setWeights needs 'x\/step' as a scalar int32 tensor, got float32 \[2\]/);
    tf.dispose([m, iter, step]);
    optimizer.dispose();
  });

  it('matches restored slots by position when the variables were rebuilt under new names', async () => {
    // Train, checkpoint, continue: the expected trajectory.
    const original = makeVariables();
    const optimizer = new AdamW({ learningRate: 0.1 });
    const gradients = gradientsFor(original, 0.5);
    optimizer.applyGradients(gradients);
    const saved = await optimizer.getWeights();
    const resumed = new AdamW({ learningRate: 0.1 });
    await resumed.setWeights(saved);
    const other = new AdamW();
    await other.setWeights(saved);
    saved[0].tensor.dispose();
    const parameters = original.map((v) => v.dataSync().slice());
    optimizer.applyGradients(gradients);
    const expected = original.map((v) => v.dataSync().slice());

    // A rebuilt model: same shapes, new names (tfjs-layers numbers its layers per process).
    const rebuilt = makeVariables();
    rebuilt.forEach((v, j) => {
      tf.tidy(() => v.assign(tf.tensor(parameters[j], v.shape)));
    });
    const rebuiltGradients = gradientsFor(rebuilt, 0.5);
    resumed.applyGradients(rebuiltGradients);
    rebuilt.forEach((v, j) => {
      expect(v.dataSync()).toEqual(expected[j]);
    });
    const resumedWeights = await resumed.getWeights();
    expect(resumedWeights.map((w) => w.name)).toEqual(['iter', ...rebuilt.flatMap((v) => [`${v.name}/m`, `${v.name}/v`, `${v.name}/step`])]);
    resumedWeights[0].tensor.dispose();

    // A different model (one variable only): a clear error instead of silent zeros.
    const [lonely] = makeVariables();
    const lonelyGradient = gradientsFor([lonely]);
    expect(() => other.applyGradients(lonelyGradient)).toThrow(
      /AdamW: the state restored by setWeights is for variables \(.*\/kernel, .*\/bias\), none of which is being updated/,
    );

    tf.dispose([gradients, rebuiltGradients, lonelyGradient, original, rebuilt, lonely]);
    optimizer.dispose();
    resumed.dispose();
    other.dispose();
  });

  it('trains a tfjs-layers model through compile and fit', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
    const optimizer = new AdamW({ learningRate: 0.05, weightDecay: 0 });
    model.compile({ optimizer, loss: 'meanSquaredError' });
    const x = tf.tensor2d([
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
    const y = tf.tensor2d([[1], [2], [3], [0]]);
    const history = await model.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    expect(optimizer.iterations).toBe(20);
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  });
});
