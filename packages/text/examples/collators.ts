// The pre-training collators on Moby Dick: BERT masked language modelling (token and whole
// word) and next sentence prediction, T5 span corruption and BART denoising, then a padded batch.
// From packages/text: node --import tsx/esm examples/collators.ts
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { createRandom } from '@selfsup/core';
import {
  bartNoise,
  bertTokenIds,
  maskTokens,
  nextSentencePairs,
  padBatch,
  spanCorruption,
  splitSentences,
  TextTokenizer,
  trainWordPiece,
} from '@selfsup/text';
import { loadMobyDick } from '@selfsup/text/node';

const chapters = (await loadMobyDick()).slice(0, 30).map((chapter) => splitSentences(chapter.text));
const tokenizer = TextTokenizer.fromFiles(trainWordPiece(chapters.flat(), { vocabSize: 2000 }));
const ids = bertTokenIds(tokenizer); // [PAD] [CLS] [SEP] [MASK] ids, vocabSize, the ## test
const show = (tokens: number[]) => tokens.map((id) => tokenizer.idToToken(id) ?? `<extra_id_${tokenizer.vocabSize + 99 - id}>`).join(' ');
// In a method, `random` is prepare's context.random; here a generator of our own.
const random = createRandom(0);

const sentence = tokenizer.encode('Call me Ishmael, and some years ago I went whaling.');
const masked = maskTokens(sentence, random, ids); // 15% chosen: 80% [MASK], 10% random, 10% kept
console.log(`BERT MLM:     ${show(masked.tokenIds)}`);
console.log(`  labels:     ${masked.labels.join(' ')}`); // -100 where nothing is predicted
const whole = maskTokens(sentence, random, { ...ids, wholeWords: true }); // 'wh ##aling' whole or not at all
console.log(`whole words:  ${show(whole.tokenIds)}`);

const documents = chapters.map((sentences) => sentences.map((text) => tokenizer.encode(text, { addSpecialTokens: false })));
const [pair] = nextSentencePairs(documents.slice(1), random, { ...ids, maxLength: 32 });
console.log(`BERT NSP:     ${show(pair.tokenIds)} (label ${pair.nextSentenceLabel}: ${pair.nextSentenceLabel ? 'random' : 'next'})`);

// T5: sentinels <extra_id_0>, <extra_id_1>, ... are the 100 ids above the tokenizer's.
const t5 = spanCorruption(documents[1].flat().slice(0, 40), random, { vocabSize: tokenizer.vocabSize + 100 });
console.log(`T5 inputs:    ${show(t5.inputs)}`);
console.log(`T5 targets:   ${show(t5.targets)}`);

// BART: [CLS] and [SEP] stand for BOS and EOS; sentences permuted, 30% infilled with Poisson(3) spans.
const bart = bartNoise(documents[1].slice(0, 3), random, {
  bosTokenId: ids.classifierTokenId,
  eosTokenId: ids.separatorTokenId,
  maskTokenId: ids.maskTokenId,
});
console.log(`BART inputs:  ${show(bart.inputs)}`);
console.log(`BART targets: ${show(bart.targets)}`);

const { tokenIds, attentionMask } = padBatch([masked.tokenIds, whole.tokenIds, pair.tokenIds], { padTokenId: ids.padTokenId });
console.log(`batch: token ids ${tokenIds.shape.join(' x ')} ${tokenIds.dtype}, attention mask ${attentionMask.shape.join(' x ')}`);
