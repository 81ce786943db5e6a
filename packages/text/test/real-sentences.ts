// Real sentences for the tokenizer tests: Moby Dick trains, State of the Union addresses
// (another author, century and vocabulary) are encoded.
import { splitSentences } from '../src/index.js';
import { loadMobyDick, loadSotu } from '../src/node.js';

/** Every sentence of Moby Dick, in book order. */
export async function mobyDickSentences(): Promise<string[]> {
  return (await loadMobyDick()).flatMap((chapter) => splitSentences(chapter.text));
}

/** `count` sentences of the State of the Union addresses, evenly spread over 1790-2021. */
export async function sotuSentences(count: number): Promise<string[]> {
  const sentences = (await loadSotu()).flatMap((address) => splitSentences(address.text));
  const step = sentences.length / count;
  return Array.from({ length: count }, (_, i) => sentences[Math.floor(i * step)]);
}
