import * as tf from '../tf.js';
import { registerTrainingKernels } from '../kernels/register-training-kernels.js';

/** The backends selfsup can run on, fastest first: native TensorFlow in Node, WebGPU and WebGL in a browser, then wasm and cpu everywhere. */
export type BackendName = 'tensorflow' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** The tfjs backend that is now live. */
  name: BackendName;
  /** Where it came from: `@tensorflow/tfjs-node-gpu`, `@tensorflow/tfjs-node`, or a built-in backend package. */
  source: string;
  /** Backends that were tried before this one and why they were passed over. */
  skipped: { source: string; reason: string }[];
}

export interface InitBackendOptions {
  /**
   * Force one backend. Defaults to the `SELFSUP_BACKEND` environment variable, else
   * automatic selection (Node: native TensorFlow GPU, native TensorFlow CPU, wasm, cpu;
   * browser: webgpu and webgl when the page imported their packages, wasm, cpu).
   */
  backend?: BackendName | 'auto';
  /** Where to find the `.wasm` binaries in a browser (see `setWasmPaths` of tfjs-backend-wasm). */
  wasmPaths?: string;
  /** Receives the one-line explanation when an installed native backend fails to load. Defaults to console.warn. */
  warn?: (message: string) => void;
  /**
   * How the native packages are imported. Defaults to a dynamic `import()`; tests pass a
   * stand-in to simulate a broken native install.
   */
  importNative?: (packageName: string) => Promise<unknown>;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
/** The browser's GPU backends: used when the application imported their package (they register a factory). */
const BROWSER_GPU_BACKENDS = [
  { name: 'webgpu', source: '@tensorflow/tfjs-backend-webgpu' },
  { name: 'webgl', source: '@tensorflow/tfjs-backend-webgl' },
] as const;
const VALID_CHOICES = ['auto', 'tensorflow', 'webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * Picks and activates the fastest backend available, and makes it able to train.
 *
 * Order in Node: `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node` (optional peer
 * dependencies, loaded only if importable), then `wasm`, then `cpu`. In a browser: `webgpu`
 * and `webgl` when the page imported `@tensorflow/tfjs-backend-webgpu` /
 * `@tensorflow/tfjs-backend-webgl` (selfsup does not bundle them), then `wasm` (its
 * binaries from `wasmPaths`), then `cpu`. On wasm and cpu the gradient kernels that tfjs
 * lacks or runs pathologically slowly are registered (see `registerTrainingKernels`).
 * `SELFSUP_BACKEND=tensorflow|wasm|cpu` (or `options.backend`) forces a choice.
 *
 * @example
 * import { initBackend } from '@selfsup/core';
 * const backend = await initBackend();
 * console.log(`training on ${backend.name} (${backend.source})`);
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const requested = options.backend ?? readEnvironmentChoice();
  if (!VALID_CHOICES.includes(requested)) {
    throw new Error(
      `initBackend: unknown backend '${requested}' (from ${options.backend ? 'options.backend' : 'SELFSUP_BACKEND'}); expected one of ${VALID_CHOICES.join(', ')}`,
    );
  }
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const skipped: BackendInfo['skipped'] = [];

  if (requested === 'auto' || requested === 'tensorflow') {
    for (const packageName of NATIVE_PACKAGES) {
      const failure = await tryImportNative(packageName, options.importNative);
      if (failure === null && (await activate('tensorflow'))) {
        return { name: 'tensorflow', source: packageName, skipped };
      }
      const reason = failure ?? 'imported, but the tensorflow backend did not initialise';
      skipped.push({ source: packageName, reason });
      if (failure !== NOT_INSTALLED) {
        warn(`selfsup: ${packageName} is installed but cannot be used (${reason}); falling back.`);
      }
    }
    if (requested === 'tensorflow') {
      throw new Error(
        'initBackend: SELFSUP_BACKEND=tensorflow but neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node can be loaded: ' +
          skipped.map((s) => `${s.source}: ${s.reason}`).join('; '),
      );
    }
  }

  for (const gpu of BROWSER_GPU_BACKENDS) {
    if (requested !== gpu.name && !(requested === 'auto' && isBrowser())) continue;
    if (tf.findBackendFactory(gpu.name) === null) {
      if (requested === gpu.name) throw new Error(`initBackend: backend '${gpu.name}' is not registered; import '${gpu.source}' first`);
      skipped.push({ source: gpu.source, reason: 'not imported' });
    } else if (await activate(gpu.name)) {
      return { name: gpu.name, source: gpu.source, skipped };
    } else if (requested === gpu.name) {
      throw new Error(`initBackend: the ${gpu.name} backend failed to initialise (no ${gpu.name === 'webgl' ? 'WebGL' : 'WebGPU'} in this browser?)`);
    } else {
      skipped.push({ source: gpu.source, reason: 'failed to initialise' });
    }
  }

  if (requested === 'auto' || requested === 'wasm') {
    const reason = await tryWasm(options.wasmPaths);
    if (reason === null) {
      registerTrainingKernels('wasm');
      return { name: 'wasm', source: '@tensorflow/tfjs-backend-wasm', skipped };
    }
    if (requested === 'wasm') throw new Error(`initBackend: the wasm backend failed to initialise: ${reason}`);
    skipped.push({ source: '@tensorflow/tfjs-backend-wasm', reason });
    warn(`selfsup: the wasm backend failed to initialise (${reason}); falling back to cpu.`);
  }

  if (!(await activate('cpu'))) throw new Error('initBackend: even the cpu backend failed to initialise');
  registerTrainingKernels('cpu');
  return { name: 'cpu', source: '@tensorflow/tfjs-backend-cpu', skipped };
}

const NOT_INSTALLED = 'not installed';

/** A browser page or worker: no Node process. */
function isBrowser(): boolean {
  return typeof process === 'undefined' || !process.versions?.node;
}

function readEnvironmentChoice(): string {
  const value = typeof process !== 'undefined' ? process.env?.SELFSUP_BACKEND : undefined;
  return value && value.length > 0 ? value.toLowerCase() : 'auto';
}

/** Returns null when the package imported, NOT_INSTALLED when absent, else the failure. */
async function tryImportNative(packageName: string, importNative: ((name: string) => Promise<unknown>) | undefined): Promise<string | null> {
  if (!importNative && (typeof process === 'undefined' || !process.versions?.node)) return NOT_INSTALLED;
  try {
    // A variable specifier keeps bundlers from trying to include native code.
    await (importNative ? importNative(packageName) : import(/* @vite-ignore */ packageName));
    return null;
  } catch (error) {
    const err = error as { code?: string; message?: string };
    const message = String(err.message ?? error).split('\n')[0];
    // Node says ERR_MODULE_NOT_FOUND; Vite's module runner (vitest, vite-node) says `Could not resolve "name"`.
    const missing =
      ((err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') && message.includes(packageName)) ||
      message.startsWith(`Could not resolve "${packageName}"`);
    return missing ? NOT_INSTALLED : message;
  }
}

async function tryWasm(wasmPaths: string | undefined): Promise<string | null> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (wasmPaths) wasm.setWasmPaths(wasmPaths);
    return (await activate('wasm')) ? null : 'setBackend returned false';
  } catch (error) {
    return String((error as Error).message ?? error).split('\n')[0];
  }
}

async function activate(name: string): Promise<boolean> {
  if (tf.findBackendFactory(name) === null && tf.findBackend(name) === null) return false;
  try {
    const ok = await tf.setBackend(name);
    await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}
