// Load a tokenizer trained here in Transformers.js, offline, and check that it encodes as ours.
// From packages/text: node --import tsx/esm examples/transformers-js.ts [folder]
// (needs `npm install @xenova/transformers`; --conditions=@selfsup/source before `pnpm build`)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { splitSentences, TextTokenizer, trainByteLevelBpe } from '@selfsup/text';
import { loadMobyDick, loadSotu, saveTokenizerFiles } from '@selfsup/text/node';
import { AutoTokenizer, env } from '@xenova/transformers';

const folder = process.argv[2] ?? mkdtempSync(`${tmpdir()}/tokenizers-`);
const sentences = (await loadMobyDick()).flatMap((chapter) => splitSentences(chapter.text));
const files = trainByteLevelBpe(sentences, { vocabSize: 2000 });
await saveTokenizerFiles(`${folder}/moby-bpe`, files);

// Transformers.js reads <localModelPath>/<model id>/tokenizer.json and never goes online.
env.allowRemoteModels = false;
env.localModelPath = folder;
const theirs = await AutoTokenizer.from_pretrained('moby-bpe');
const ours = TextTokenizer.fromFiles(files);

const [address] = await loadSotu();
const test = splitSentences(address.text);
const same = test.filter((text) => JSON.stringify(theirs.encode(text)) === JSON.stringify(ours.encode(text))).length;
console.log(`${same} of ${test.length} sentences of the 1790 State of the Union encode identically`);
if (same !== test.length) process.exitCode = 1;
