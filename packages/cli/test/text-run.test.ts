import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMobyDick } from '@selfsup/text/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJsonLines, runCli } from './run-cli.js';

describe('selfsup pretrain --method gpt on a folder of text, then generate', () => {
  const root = mkdtempSync(join(tmpdir(), 'selfsup-text-'));
  const corpus = join(root, 'corpus');
  const run = join(root, 'run');
  const configFile = join(root, 'often.json');

  beforeAll(async () => {
    mkdirSync(join(corpus, 'more'), { recursive: true });
    const chapters = await loadMobyDick();
    chapters.slice(1, 13).forEach((chapter, i) => writeFileSync(join(corpus, i < 6 ? '' : 'more', `${chapter.id}.txt`), chapter.text));
    // A user's folder has odd files: a binary one and a Latin-1 one are skipped with a warning each.
    writeFileSync(join(corpus, 'cover.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    writeFileSync(join(corpus, 'latin1.txt'), Buffer.from('caf\xe9 cr\xe8me', 'latin1'));
    writeFileSync(configFile, JSON.stringify({ monitorEvery: 2, checkpointEvery: 2 }));
  });

  it('trains its character tokenizer and GPT, evaluates held-out text, writes samples, validation.json and the report', async () => {
    const result = await runCli('pretrain', '--method', 'gpt', '--dataset', corpus, '--steps', '4', '--batch-size', '8', '--workers', '2', '--config', configFile, '--out', run);
    expect(result.code).toBe(0);
    expect(result.err.filter((line) => line.includes('skipping'))).toHaveLength(2);
    expect(result.err.join('\n')).toContain('cover.txt');
    expect(result.err.join('\n')).toContain('latin1.txt');
    expect(result.out).toMatch(/gpt on .*corpus \(\d+ documents, [\d,]+ tokens; \d+ held out\), character tokenizer of \d+, 4 steps of 8/);
    expect(result.out).toMatch(/validation loss \d\.\d{4} \(nats per character; perplexity \d+\.\d\d\) on \d+ held-out sequences/);
    for (const file of ['config.json', 'metrics.jsonl', 'samples.jsonl', 'validation.json', 'report.html', 'tokenizer/characters.json', 'checkpoints/latest.json']) {
      expect(existsSync(join(run, file)), file).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ method: 'gpt', modality: 'text', tokenizer: 'character', contextLength: 64, totalSteps: 4 });
    expect(config.imageSize).toBeUndefined();
    const metrics = readJsonLines(join(run, 'metrics.jsonl'));
    expect(metrics.map((line) => line.step)).toEqual([1, 2, 3, 4]);
    expect(metrics[1].evaluation.validationLoss).toBeGreaterThan(0);
    expect(readJsonLines(join(run, 'samples.jsonl')).map((line) => line.step)).toEqual([2, 4]);
    const validation = JSON.parse(readFileSync(join(run, 'validation.json'), 'utf8'));
    expect(validation.perplexity).toBeCloseTo(Math.exp(validation.loss), 6);
    expect(validation.loss).toBeLessThan(Math.log(config.vocabularySize) + 0.5);
  }, 180_000);

  it('resumes with more steps; samples after the checkpoint are not repeated', async () => {
    const result = await runCli('pretrain', '--resume', run, '--steps', '6');
    expect(result.code).toBe(0);
    expect(readJsonLines(join(run, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(readJsonLines(join(run, 'samples.jsonl')).map((line) => line.step)).toEqual([2, 4, 6]);
  }, 180_000);

  it('generate continues a prompt with the run (greedy repeats; seeded sampling repeats); refuses a run that is not a GPT', async () => {
    const greedy = await runCli('generate', '--checkpoint', run, '--prompt', 'Call me', '--tokens', '20', '--temperature', '0');
    expect(greedy.code).toBe(0);
    expect(greedy.out.startsWith('Call me')).toBe(true);
    expect(greedy.out.length).toBeGreaterThan('Call me'.length);
    expect((await runCli('generate', '--checkpoint', run, '--prompt', 'Call me', '--tokens', '20', '--temperature', '0')).out).toBe(greedy.out);
    const sampled = await runCli('generate', '--checkpoint', run, '--prompt', 'The whale', '--tokens', '30', '--seed', '4', '--json');
    const parsed = JSON.parse(sampled.out);
    expect(parsed).toMatchObject({ prompt: 'The whale', maxNewTokens: 30, temperature: 0.8, topP: 0.95, seed: 4 });
    expect(JSON.parse((await runCli('generate', '--checkpoint', run, '--prompt', 'The whale', '--tokens', '30', '--seed', '4', '--json')).out).text).toBe(parsed.text);
    const bad = await runCli('generate', '--checkpoint', run, '--top-p', '0');
    expect([bad.code, bad.err]).toEqual([2, ['selfsup: --top-p must be a number > 0, got 0']]);
    const config = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8'));
    const notGpt = join(root, 'not-gpt');
    cpSync(run, notGpt, { recursive: true });
    writeFileSync(join(notGpt, 'config.json'), JSON.stringify({ ...config, method: 'simclr' }));
    const refused = await runCli('generate', '--checkpoint', notGpt);
    expect(refused.code).toBe(2);
    expect(refused.err[0]).toContain('is a simclr run; generate needs a GPT');
  }, 120_000);

  it('names a missing corpus and a text method given image options sensibly', async () => {
    const missing = await runCli('pretrain', '--method', 'gpt', '--dataset', join(root, 'nowhere'), '--steps', '1', '--out', join(root, 'x'));
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('is neither a built-in text corpus (moby-dick, sotu, spam) nor an existing file or folder');
    // An inherited property name is not a built-in corpus either.
    const inherited = await runCli('pretrain', '--method', 'gpt', '--dataset', 'toString', '--steps', '1', '--out', join(root, 'y'));
    expect(inherited.code).toBe(2);
    expect(inherited.err[0]).toContain("--dataset 'toString' is neither a built-in text corpus");
  });
  // bert (WordPiece) and bart (byte-level BPE with its special tokens) cover both tokenizer paths; t5 trains like bart (library tests).
  it.each(['bert', 'bart'])('%s: trains its subword tokenizer with the special tokens, evaluates held-out text, resumes with the saved tokenizer', async (method) => {
    const directory = join(root, method);
    const first = await runCli('pretrain', '--method', method, '--dataset', corpus, '--steps', '2', '--batch-size', '4', '--workers', '2', '--config', configFile, '--out', directory);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`${method} on .*(wordpiece|byte-level-bpe) tokenizer of \\d+, 2 steps of 4`));
    expect(first.out).toMatch(/validation loss \d+\.\d{4} \((MLM \+ NSP; mlm \d+\.\d{4}, nsp \d+\.\d{4}; masked-token perplexity|nats per target token; perplexity) [\d.]+\)/);
    expect(existsSync(join(directory, 'tokenizer', 'tokenizer.json'))).toBe(true);
    expect(existsSync(join(directory, 'samples.jsonl'))).toBe(false);
    const resumed = await runCli('pretrain', '--resume', directory, '--steps', '3');
    expect(resumed.code).toBe(0);
    expect(readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2, 3]);
  }, 240_000);
  it.each(['word2vec', 'glove'])('%s: writes the vectors in both word2vec formats, one metrics line per epoch, the neighbours and the report; --resume is refused', async (method) => {
    const directory = join(root, method);
    const result = await runCli('pretrain', '--method', method, '--dataset', corpus, '--epochs', '2', '--workers', '2', '--out', directory);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`${method} on .*corpus \\(\\d+ documents, [\\d,]+ words; \\d+ held out\\), 2 epochs on 2 threads`));
    const text = readFileSync(join(directory, 'vectors.txt'), 'utf8').split('\n');
    const [count, dimension] = text[0].split(' ').map(Number);
    expect(count).toBeGreaterThan(100);
    expect(text[1].split(' ')).toHaveLength(dimension + 1);
    expect(readFileSync(join(directory, 'vectors.bin')).subarray(0, text[0].length).toString()).toBe(text[0]);
    expect(readJsonLines(join(directory, 'metrics.jsonl')).map((line) => line.step)).toEqual([1, 2]);
    const neighbours = JSON.parse(readFileSync(join(directory, 'neighbours.json'), 'utf8'));
    expect(neighbours.length).toBeGreaterThan(3);
    expect(neighbours[0].neighbours).toHaveLength(8);
    expect(readFileSync(join(directory, 'report.html'), 'utf8')).toContain('Nearest neighbours');
    const resumed = await runCli('pretrain', '--resume', directory);
    expect(resumed.code).toBe(2);
  }, 120_000);
  it('embed writes a word run\'s vectors and a language model\'s pooled texts; eval probes a text run on spam against random init and bag-of-words', async () => {
    const lines = join(root, 'lines.txt');
    writeFileSync(lines, 'whale\nShip\nzzzqqq\n\nsea\n');
    const words = await runCli('embed', '--checkpoint', join(root, 'word2vec'), '--input', lines, '--out', join(root, 'words.jsonl'));
    expect(words.code).toBe(0);
    expect(words.err.join('\n')).toContain('1 word not in the vocabulary, left out: zzzqqq');
    expect(readJsonLines(join(root, 'words.jsonl')).map((line) => line.word)).toEqual(['whale', 'ship', 'sea']);
    writeFileSync(lines, 'Call me Ishmael.\nThe sea was calm.\n');
    const texts = await runCli('embed', '--checkpoint', join(root, 'bert'), '--input', lines, '--out', join(root, 'texts.npy'));
    expect(texts.code).toBe(0);
    expect(texts.out).toMatch(/2 embeddings of dimension \d+/);
    expect(readFileSync(join(root, 'texts.npy.lines.txt'), 'utf8')).toBe('Call me Ishmael.\nThe sea was calm.\n');
    const evaluation = await runCli('eval', '--checkpoint', join(root, 'glove'), '--json');
    expect(evaluation.code).toBe(0);
    const result = JSON.parse(evaluation.out);
    expect(result).toMatchObject({ method: 'glove', task: 'spam', classes: ['ham', 'spam'], trainCount: 1000, testCount: 1000 });
    for (const features of ['pretrained', 'randomInit', 'bagOfWords']) {
      for (const probe of ['linear', 'knn']) expect(result.results[features][probe]).toBeGreaterThan(0.5);
    }
    expect((await runCli('eval', '--checkpoint', join(root, 'glove'), '--task', 'imdb')).err).toEqual(["selfsup: unknown task 'imdb'; choose one of: spam, wordnet"]);
  }, 180_000);
});
