import { describe, expect, it } from 'vitest';
import { PRETRAIN_DEFAULTS, resolvePretrainConfig } from './pretrain-config.js';
import { UsageError } from './usage-error.js';

const resolve = (...layers: Record<string, unknown>[]) => resolvePretrainConfig(layers.map((values, i) => ({ source: `layer ${i}`, values })));

describe('resolvePretrainConfig', () => {
  it('gives the main job with nothing set', () => {
    const config = resolve();
    expect(config).toMatchObject({
      method: 'simclr',
      dataset: 'mnist',
      backbone: 'convnet',
      steps: PRETRAIN_DEFAULTS.steps,
      batchSize: 256,
      out: 'runs/simclr-mnist',
    });
  });

  it('lets later layers win and parses numbers from the command line', () => {
    const config = resolve({ method: 'byol', batchSize: 128, learningRate: 0.002 }, { batchSize: '64', seed: '7' });
    expect(config).toMatchObject({ method: 'byol', batchSize: 64, learningRate: 0.002, seed: 7, out: 'runs/byol-mnist' });
  });

  it('takes the length from the last layer that gives one, in steps or epochs', () => {
    expect(resolve({ epochs: 3 })).toMatchObject({ epochs: 3 });
    expect(resolve({ epochs: 3 }).steps).toBeUndefined();
    expect(resolve({ epochs: 3 }, { steps: '20' })).toMatchObject({ steps: 20 });
    expect(() => resolve({ steps: 2, epochs: 1 })).toThrow(/layer 0: give steps or epochs, not both/);
  });

  it('names an unknown key and lists the valid ones', () => {
    expect(() => resolve({ batchsize: 3 })).toThrow(UsageError);
    expect(() => resolve({ batchsize: 3 })).toThrow(/layer 0: unknown key 'batchsize'; valid keys: method, dataset, backbone, steps/);
  });

  it('rejects bad numbers, naming the option', () => {
    expect(() => resolve({ steps: 'many' })).toThrow("--steps must be an integer, got 'many'");
    expect(() => resolve({ batchSize: '0' })).toThrow('--batch-size must be an integer >= 1, got 0');
    expect(() => resolve({ learningRate: '-1' })).toThrow('--lr must be a number > 0, got -1');
    expect(() => resolve({ steps: '2.5' })).toThrow("--steps must be an integer, got '2.5'");
    expect(() => resolve({ channels: 2 })).toThrow('--channels must be 1 or 3, got 2');
  });

  it('lists the choices for an unknown method or backbone', () => {
    expect(() => resolve({ method: 'simclrr' })).toThrow(/unknown method 'simclrr'; choose one of: simclr, moco, byol, simsiam, dino, rotation/);
    expect(() => resolve({ backbone: 'vgg' })).toThrow(/unknown backbone 'vgg'; choose one of: convnet, convnet-wide, resnet18, vit-tiny/);
  });

  it('names a folder run after the method', () => {
    expect(resolve({ dataset: 'data/pets', method: 'moco' }).out).toBe('runs/moco-folder');
  });
});
