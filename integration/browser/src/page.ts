// The page: a backend (`?backend=wasm`, its binaries served from /wasm/; by default the
// fastest the browser offers, WebGL here), the encoder that `selfsup pretrain` saved
// (served from /encoder/), then a few SimCLR steps, then the GPT that `selfsup pretrain
// --method gpt` saved (/gpt/, its tokenizer in /gpt-tokenizer/) continuing a prompt. The
// result goes to window.selfsupResult for the test, and to the page for a person.
import '@tensorflow/tfjs-backend-webgl'; // registers WebGL: initBackend() then prefers it to wasm
import { type BackendName, initBackend } from '@selfsup/core';
import * as tf from '@selfsup/core/tf';
import { continuePrompt, embed, simclrSteps } from './browser-check.js';

declare global {
  interface Window {
    selfsupResult?: { backend: string; embedding: number[]; losses: number[]; gpt: { logits: number[]; text: string } } | { error: string };
  }
}

async function run() {
  const requested = (new URLSearchParams(location.search).get('backend') ?? 'auto') as BackendName | 'auto';
  const backend = await initBackend({ backend: requested, wasmPaths: '/wasm/' });
  const encoder = await tf.loadLayersModel('/encoder/model.json');
  const embedding = embed(encoder);
  const losses = await simclrSteps(3);
  const gpt = continuePrompt(await tf.loadLayersModel('/gpt/model.json'), await (await fetch('/gpt-tokenizer/characters.json')).json());
  return { backend: backend.name, embedding, losses, gpt };
}

run().then(
  (result) => {
    window.selfsupResult = result;
    document.getElementById('log')!.textContent = JSON.stringify(
      { ...result, embedding: result.embedding.slice(0, 4), gpt: { ...result.gpt, logits: result.gpt.logits.slice(0, 4) } },
      null,
      2,
    );
  },
  (error: Error) => {
    window.selfsupResult = { error: String(error.stack ?? error) };
    document.getElementById('log')!.textContent = String(error.stack ?? error);
  },
);
