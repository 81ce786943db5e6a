import * as tf from '../tf.js';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInKernel, providedKernelNames } from '../kernels/register-training-kernels.js';
import { initBackend } from './init-backend.js';

const notInstalled = (name: string) => {
  const error = new Error(`Cannot find package '${name}' imported from /somewhere`) as Error & { code: string };
  error.code = 'ERR_MODULE_NOT_FOUND';
  return Promise.reject(error);
};

describe('initBackend', () => {
  const savedEnvironment = process.env.SELFSUP_BACKEND;
  afterEach(() => {
    if (savedEnvironment === undefined) delete process.env.SELFSUP_BACKEND;
    else process.env.SELFSUP_BACKEND = savedEnvironment;
  });

  it('falls through to wasm when no native TensorFlow is installed, silently', async () => {
    const warnings: string[] = [];
    const info = await initBackend({ backend: 'auto', importNative: notInstalled, warn: (m) => warnings.push(m) });
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.skipped.map((s) => s.source)).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(warnings).toEqual([]);
  });

  it("takes Vite's module runner's 'Could not resolve' (vitest, vite-node) for not installed too, silently", async () => {
    const warnings: string[] = [];
    const viteMissing = (name: string) => Promise.reject(new Error(`Could not resolve "${name}" imported by "@selfsup/core".`));
    const info = await initBackend({ backend: 'auto', importNative: viteMissing, warn: (m) => warnings.push(m) });
    expect(info.name).toBe('wasm');
    expect(warnings).toEqual([]);
  });

  it('explains a broken native install in one line and falls back', async () => {
    const warnings: string[] = [];
    const info = await initBackend({
      backend: 'auto',
      importNative: (name) =>
        name === '@tensorflow/tfjs-node'
          ? Promise.reject(new Error('The specified module could not be found.\nnative addon module (tfjs_binding.node) missing'))
          : notInstalled(name),
      warn: (m) => warnings.push(m),
    });
    expect(info.name).toBe('wasm');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/@tensorflow\/tfjs-node is installed but cannot be used/);
    expect(warnings[0]).not.toMatch(/\n/);
  });

  it('uses a browser GPU backend the application registered, and says which package to import when it is not', async () => {
    await expect(initBackend({ backend: 'webgl', warn: () => {} })).rejects.toThrow(
      "initBackend: backend 'webgl' is not registered; import '@tensorflow/tfjs-backend-webgl' first",
    );
    // Stand-in for the page's `import '@tensorflow/tfjs-backend-webgl'`: a registered 'webgl' factory.
    await tf.setBackend('cpu');
    const CpuBackend = tf.findBackend('cpu')!.constructor as new () => tf.KernelBackend;
    tf.registerBackend('webgl', () => new CpuBackend());
    try {
      const info = await initBackend({ backend: 'webgl', warn: () => {} });
      expect(info).toMatchObject({ name: 'webgl', source: '@tensorflow/tfjs-backend-webgl' });
      expect(tf.getBackend()).toBe('webgl');
      // In Node, 'auto' never picks a browser backend.
      expect((await initBackend({ backend: 'auto', importNative: notInstalled, warn: () => {} })).name).toBe('wasm');
    } finally {
      tf.removeBackend('webgl');
    }
  });

  it('uses a native package when it imports and registers the tensorflow backend', async () => {
    // Stand-in for tfjs-node: registering a backend named 'tensorflow' is what the real package does.
    const importNative = async (name: string) => {
      if (name !== '@tensorflow/tfjs-node') return notInstalled(name);
      if (!tf.findBackendFactory('tensorflow')) {
        await tf.setBackend('cpu');
        const CpuBackend = tf.findBackend('cpu')!.constructor as new () => tf.KernelBackend;
        tf.registerBackend('tensorflow', () => new CpuBackend());
      }
      return {};
    };
    const info = await initBackend({ backend: 'auto', importNative, warn: () => {} });
    expect(info).toMatchObject({ name: 'tensorflow', source: '@tensorflow/tfjs-node' });
    expect(tf.getBackend()).toBe('tensorflow');
    tf.removeBackend('tensorflow');
  });

  it('honours SELFSUP_BACKEND', async () => {
    process.env.SELFSUP_BACKEND = 'cpu';
    expect((await initBackend()).name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    process.env.SELFSUP_BACKEND = 'WASM';
    expect((await initBackend()).name).toBe('wasm');
  });

  it('rejects an unknown backend, naming where it came from and the choices', async () => {
    await expect(initBackend({ backend: 'tpu' as never })).rejects.toThrow(
      /unknown backend 'tpu' \(from options.backend\); expected one of auto, tensorflow, webgpu, webgl, wasm, cpu/,
    );
    process.env.SELFSUP_BACKEND = 'tpu';
    await expect(initBackend()).rejects.toThrow(/from SELFSUP_BACKEND/);
  });

  it('fails clearly when tensorflow is forced but not installed', async () => {
    await expect(initBackend({ backend: 'tensorflow', importNative: notInstalled })).rejects.toThrow(
      /neither @tensorflow\/tfjs-node-gpu nor @tensorflow\/tfjs-node can be loaded/,
    );
  });

  it('registers the training kernels and keeps the built-in ones as references', async () => {
    await initBackend({ backend: 'wasm' });
    for (const name of providedKernelNames('wasm')) {
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
    }
    // tfjs-backend-wasm ships no Conv2DBackpropFilter; it ships a BatchMatMul.
    expect(builtInKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(builtInKernel('BatchMatMul', 'wasm')).toBeDefined();
  });
});
