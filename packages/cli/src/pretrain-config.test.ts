import { describe, expect, it } from 'vitest';
import { PRETRAIN_DEFAULTS, PRETRAIN_LIMITS, resolvePretrainConfig } from './pretrain-config.js';
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

  it('rejects bad numbers, naming the option, or the file and key', () => {
    const commandLine = (values: Record<string, unknown>) => () => resolvePretrainConfig([{ source: 'command line', values }]);
    expect(commandLine({ steps: 'many' })).toThrow("--steps must be an integer, got 'many'");
    expect(commandLine({ batchSize: '0' })).toThrow('--batch-size must be an integer >= 1, got 0');
    expect(commandLine({ learningRate: '-1' })).toThrow('--lr must be a number > 0, got -1');
    expect(commandLine({ steps: '2.5' })).toThrow("--steps must be an integer, got '2.5'");
    expect(() => resolve({ channels: 2 })).toThrow("layer 0: 'channels' must be 1 or 3, got 2");
    expect(() => resolve({ steps: 'many' })).toThrow("layer 0: 'steps' must be an integer, got 'many'");
  });

  it('refuses config values of the wrong type with a usage error naming the file and key (not "text.trim is not a function")', () => {
    const file = (values: Record<string, unknown>) => () => resolvePretrainConfig([{ source: 'run.json', values }]);
    expect(file({ batchSize: true })).toThrow(UsageError);
    expect(file({ batchSize: true })).toThrow("run.json: 'batchSize' must be an integer, got true");
    expect(file({ steps: null })).toThrow("run.json: 'steps' must be an integer, got null");
    expect(file({ imageSize: [16] })).toThrow("run.json: 'imageSize' must be an integer, got [16]");
    expect(file({ learningRate: { value: 1 } })).toThrow(`run.json: 'learningRate' must be a number, got {"value":1}`);
    expect(file({ method: 3 })).toThrow("run.json: 'method' must be a non-empty string, got 3");
    expect(file({ dataset: false })).toThrow("run.json: 'dataset' must be a non-empty string, got false");
  });

  it(`caps the length at PRETRAIN_LIMITS.maxSteps (${PRETRAIN_LIMITS.maxSteps.toLocaleString('en-US')}) and requires integers`, () => {
    const commandLine = (values: Record<string, unknown>) => () => resolvePretrainConfig([{ source: 'command line', values }]);
    expect(commandLine({ steps: '1e20' })).toThrow('--steps must be an integer <= 10,000,000, got 100,000,000,000,000,000,000');
    expect(commandLine({ epochs: '1e8' })).toThrow('--epochs must be an integer <= 10,000,000, got 100,000,000');
    expect(commandLine({ steps: '1e3' })).not.toThrow();
    expect(commandLine({ steps: '1e7' })).not.toThrow();
    expect(commandLine({ steps: '0.5' })).toThrow("--steps must be an integer, got '0.5'");
  });

  it(`keeps --image-size in ${PRETRAIN_LIMITS.minImageSize}..${PRETRAIN_LIMITS.maxImageSize}`, () => {
    const commandLine = (values: Record<string, unknown>) => () => resolvePretrainConfig([{ source: 'command line', values }]);
    expect(commandLine({ imageSize: '1' })).toThrow('--image-size must be an integer >= 8, got 1');
    expect(commandLine({ imageSize: '4096' })).toThrow('--image-size must be an integer <= 1,024, got 4,096');
    expect(commandLine({ imageSize: '8' })).not.toThrow();
    expect(commandLine({ imageSize: '1024' })).not.toThrow();
  });

  it('lists the choices for an unknown method or backbone', () => {
    expect(() => resolve({ method: 'simclrr' })).toThrow(/unknown method 'simclrr'; choose one of: simclr, moco, byol, simsiam, dino, rotation/);
    expect(() => resolve({ backbone: 'vgg' })).toThrow(/unknown backbone 'vgg'; choose one of: convnet, convnet-wide, resnet18, vit-tiny/);
  });

  it('names a folder run after the method', () => {
    expect(resolve({ dataset: 'data/pets', method: 'moco' }).out).toBe('runs/moco-folder');
  });
});
