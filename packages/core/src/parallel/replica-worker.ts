// The worker side of ParallelReplicas: owns one replica on its own backend and, for each
// step, runs the forward pass, hands the outputs to the main thread, blocks until the
// gradient of the loss with respect to them comes back, and returns the gradients of its
// variables. The blocking wait happens inside tf.variableGrads, so the forward pass's
// activations are used for the backward pass without being recomputed.
import { type MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import * as tf from '../tf.js';
import { initBackend } from '../backend/init-backend.js';
import type { ForwardContext } from '../training/method.js';
import type { Replica, ReplicaFactory, WireTensor } from './replica.js';

interface Setup {
  module: string;
  exportName: string;
  options: unknown;
  backend: 'wasm' | 'cpu' | 'tensorflow' | 'auto';
  control: SharedArrayBuffer;
  gradientPort: MessagePort;
}

const setup = workerData as Setup;
const control = new Int32Array(setup.control);
const toTensor = (wire: WireTensor) => tf.tensor(wire.values, wire.shape, wire.dtype);

async function main(): Promise<void> {
  await initBackend({ backend: setup.backend, warn: () => {} });
  const module = (await import(setup.module)) as Record<string, ReplicaFactory>;
  const factory = module[setup.exportName];
  if (typeof factory !== 'function') throw new Error(`ParallelReplicas: ${setup.module} exports no function '${setup.exportName}'`);
  const replica: Replica = await factory(setup.options);
  const variables = replica.trainableVariables();
  const averaged = replica.averagedVariables?.() ?? [];
  parentPort!.postMessage({ type: 'ready', sizes: variables.map((v) => v.size), averagedSizes: averaged.map((v) => v.size) });

  type Weights = { trainable: Float32Array[]; averaged: Float32Array[] };
  type Message =
    | { type: 'step'; inputs: WireTensor[]; weights?: Weights; context: ForwardContext }
    | { type: 'pull-state' }
    | { type: 'push-state'; state: Float32Array[] };
  parentPort!.on('message', (message: Message) => {
    if (message.type === 'push-state') {
      const state = replica.stateVariables?.() ?? [];
      if (state.length !== message.state.length)
        throw new Error(`ParallelReplicas.pushState: the replica has ${state.length} state variables, got ${message.state.length}`);
      tf.tidy(() => {
        state.forEach((v, i) => {
          v.assign(tf.tensor(message.state[i], v.shape));
        });
      });
      return;
    }
    if (message.type === 'pull-state') {
      const state = (replica.stateVariables?.() ?? []).map((v) => v.dataSync().slice() as Float32Array);
      parentPort!.postMessage(
        { type: 'state', state },
        state.map((s) => s.buffer as ArrayBuffer),
      );
      return;
    }
    if (message.weights) {
      const { trainable, averaged: averagedValues } = message.weights;
      tf.tidy(() => {
        trainable.forEach((values, i) => {
          variables[i].assign(tf.tensor(values, variables[i].shape));
        });
        averagedValues.forEach((values, i) => {
          averaged[i].assign(tf.tensor(values, averaged[i].shape));
        });
      });
    }
    const inputs = message.inputs.map(toTensor);
    const { value, grads } = tf.variableGrads(() => {
      // Deterministic: the step's views come from `prepare` on the main thread, its dropout from `context`.
      const outputs = [replica.forward(inputs, message.context)].flat();
      const wire = outputs.map((o) => ({ values: o.dataSync().slice() as Float32Array, shape: o.shape, dtype: 'float32' }));
      parentPort!.postMessage(
        { type: 'outputs', outputs: wire },
        wire.map((w) => w.values.buffer as ArrayBuffer),
      );
      const upstream = waitForUpstreamGradient(); // one [outputs[k].shape] per output
      // The gradient of sum_k <outputs[k], upstream[k]> is the loss's gradient through this slice.
      return tf.addN(outputs.map((o, k) => tf.sum(tf.mul(o, tf.tensor(upstream[k], o.shape))))) as tf.Scalar;
    }, variables);
    const gradients = variables.map((v) => grads[v.name].dataSync().slice() as Float32Array);
    tf.dispose([value, ...Object.values(grads), ...inputs]);
    parentPort!.postMessage(
      { type: 'gradients', gradients },
      gradients.map((g) => g.buffer as ArrayBuffer),
    );
  });
}

/** Blocks this thread until the main thread has posted the gradient with respect to the outputs. */
function waitForUpstreamGradient(): Float32Array[] {
  Atomics.wait(control, 0, 0);
  Atomics.store(control, 0, 0);
  const received = receiveMessageOnPort(setup.gradientPort);
  if (!received) throw new Error('ParallelReplicas: woken without an upstream gradient');
  return received.message as Float32Array[];
}

main().catch((error) => {
  parentPort!.postMessage({ type: 'error', message: String((error as Error).stack ?? error) });
});
