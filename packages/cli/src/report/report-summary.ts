import { escapeHtml } from './html.js';
import type { MetricsRecord, ProbeEvaluation, RunFiles } from './run-files.js';

/**
 * The run's title, "<method> on <dataset>", from config.json (or evaluation.json).
 *
 * @example
 * runTitle(run); // 'simclr on mnist'
 */
export function runTitle(run: Pick<RunFiles, 'config' | 'evaluation'>): string {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  const method = text(run.config.method) ?? run.evaluation?.method ?? null;
  const dataset = text(run.config.dataset) ?? run.evaluation?.dataset ?? null;
  if (method && dataset) return `${method} on ${dataset}`;
  return method ?? dataset ?? 'selfsup run';
}

/**
 * An accuracy in [0, 1] as a percentage with one decimal.
 *
 * @example
 * formatPercent(0.9123); // '91.2%'
 */
export function formatPercent(accuracy: number): string {
  return `${(accuracy * 100).toFixed(1)}%`;
}

/**
 * The difference of two accuracies in [0, 1], in percentage points with a sign.
 *
 * @example
 * formatGain(0.91, 0.8); // '+11.0 points'
 * formatGain(0.8, 0.91); // '−11.0 points'
 */
export function formatGain(accuracy: number, baseline: number): string {
  const points = (accuracy - baseline) * 100;
  return `${points < 0 ? '\u2212' : '+'}${Math.abs(points).toFixed(1)} points`;
}

/**
 * Plain-text sentences on what pretraining gained: each probe's accuracy with the
 * pretrained encoder against a random-init one (and the raw pixels when measured).
 *
 * @example
 * probeGainSentences(evaluation)[0];
 * // 'Linear probe: 91.2% with the pretrained encoder vs 78.9% with a random-init one (+12.3 points).'
 */
export function probeGainSentences(evaluation: ProbeEvaluation): string[] {
  const { pretrained, randomInit, rawPixels } = evaluation.results;
  const sentences = [
    `Linear probe: ${formatPercent(pretrained.linear)} with the pretrained encoder vs ${formatPercent(randomInit.linear)} with a random-init one (${formatGain(pretrained.linear, randomInit.linear)}).`,
    `kNN probe: ${formatPercent(pretrained.knn)} with the pretrained encoder vs ${formatPercent(randomInit.knn)} with a random-init one (${formatGain(pretrained.knn, randomInit.knn)}).`,
  ];
  if (rawPixels) {
    sentences.push(
      `On the raw pixels: ${formatPercent(rawPixels.linear)} linear (pretrained ${formatGain(pretrained.linear, rawPixels.linear)}), ` +
        `${formatPercent(rawPixels.knn)} kNN (pretrained ${formatGain(pretrained.knn, rawPixels.knn)}).`,
    );
  }
  if (evaluation.probeTrainCount !== null && evaluation.testCount !== null) {
    sentences.push(
      `Probes trained on ${evaluation.probeTrainCount.toLocaleString('en-US')} labelled examples and tested on ${evaluation.testCount.toLocaleString('en-US')}.`,
    );
  }
  return sentences;
}

/**
 * A plain-text sentence on the last collapse evaluation, or null when there was none.
 *
 * @example
 * collapseSentence(run.metrics);
 * // 'Last evaluation (step 500): mean per-dimension std 0.061 against a healthy 0.088, effective rank 41.3; not collapsed.'
 */
export function collapseSentence(metrics: readonly MetricsRecord[]): string | null {
  const evaluated = metrics.filter((record) => record.evaluation !== null);
  const last = evaluated.at(-1);
  if (!last?.evaluation) return null;
  const { meanDimensionStd, healthyStd, effectiveRank, collapsed } = last.evaluation;
  const flagged = evaluated.filter((record) => record.evaluation!.collapsed);
  const history =
    flagged.length === 0 ? '' : ` Collapse was flagged at ${flagged.length} of ${evaluated.length} evaluations, first at step ${flagged[0].step}.`;
  return (
    `Last evaluation (step ${last.step}): mean per-dimension std ${significant(meanDimensionStd)} against a healthy ` +
    `${significant(healthyStd)}, effective rank ${significant(effectiveRank)}; ${collapsed ? 'collapsed' : 'not collapsed'}.${history}`
  );
}

/**
 * The row of headline figures at the top of the report: steps, final loss, both probes
 * and the collapse state, as escaped HTML.
 *
 * @example
 * html += renderSummaryFigures(run);
 */
export function renderSummaryFigures(run: RunFiles): string {
  const last = run.metrics.at(-1)!;
  const lastLoss = findLastRecord(run.metrics, (record) => record.loss !== null);
  if (isTextRun(run)) return renderTextFigures(run, last, lastLoss);
  const results = run.evaluation?.results;
  const lastEvaluation = findLastRecord(run.metrics, (record) => record.evaluation !== null);
  const figures = [
    figure('Steps', last.step.toLocaleString('en-US'), last.epoch === null ? '' : `epoch ${last.epoch}`),
    figure('Final loss', lastLoss ? significant(lastLoss.loss!) : 'n/a', lastLoss ? `at step ${lastLoss.step}` : 'every loss was NaN'),
    results
      ? probeFigure('Linear probe', results.pretrained.linear, results.randomInit.linear)
      : figure('Linear probe', '\u2014', 'no evaluation.json'),
    results ? probeFigure('kNN probe', results.pretrained.knn, results.randomInit.knn) : figure('kNN probe', '\u2014', 'no evaluation.json'),
    lastEvaluation?.evaluation
      ? figure(
          'Collapse',
          lastEvaluation.evaluation.collapsed ? 'collapsed' : 'healthy',
          `effective rank ${significant(lastEvaluation.evaluation.effectiveRank)} at step ${lastEvaluation.step}`,
          lastEvaluation.evaluation.collapsed ? 'bad' : 'good',
        )
      : figure('Collapse', '\u2014', 'not evaluated'),
  ];
  return `<div class="figures">\n${figures.join('\n')}\n</div>`;
}

/**
 * Whether a run pretrained a text method (config.json's `modality`): its report shows the
 * validation loss and the samples instead of probes, collapse monitors and views.
 *
 * @example
 * isTextRun(run); // true for selfsup pretrain --method gpt
 */
export function isTextRun(run: Pick<RunFiles, 'config'>): boolean {
  return run.config.modality === 'text';
}

function renderTextFigures(run: RunFiles, last: MetricsRecord, lastLoss: MetricsRecord | undefined): string {
  const perCharacter = run.config.tokenizer === 'character';
  const validation = run.validation;
  const lastMonitor = findLastRecord(run.metrics, (record) => typeof record.values.validationLoss === 'number');
  if (run.neighbours) {
    // Word2Vec and GloVe: one metrics line per epoch, their objective as the loss.
    return `<div class="figures">\n${[
      figure('Epochs', last.step.toLocaleString('en-US'), String(run.config.method ?? '')),
      figure(
        'Final objective',
        lastLoss ? significant(lastLoss.loss!) : 'n/a',
        run.config.method === 'glove' ? "glove.c's cost" : 'negative-sampling loss',
      ),
      figure('Words', Number(run.config.words ?? 0).toLocaleString('en-US'), 'in the training documents'),
      figure('Neighbours', String(run.neighbours.length), 'words listed below'),
    ].join('\n')}\n</div>`;
  }
  const figures = [
    figure('Steps', last.step.toLocaleString('en-US'), last.epoch === null ? '' : `epoch ${last.epoch}`),
    figure('Final loss', lastLoss ? significant(lastLoss.loss!) : 'n/a', lastLoss ? `training, at step ${lastLoss.step}` : 'every loss was NaN'),
    validation
      ? figure(
          'Validation loss',
          significant(validation.loss),
          `nats per ${perCharacter ? 'character' : 'token'}; perplexity ${significant(validation.perplexity)}`,
        )
      : lastMonitor
        ? figure(
            'Validation loss',
            significant(lastMonitor.values.validationLoss as number),
            `at step ${lastMonitor.step} (no ${'validation.json'} yet)`,
          )
        : figure('Validation loss', '\u2014', 'not evaluated'),
    figure('Samples', String(run.samples.length), run.samples.length > 0 ? `last at step ${run.samples.at(-1)!.step}` : 'none written'),
  ];
  return `<div class="figures">\n${figures.join('\n')}\n</div>`;
}

function probeFigure(label: string, pretrained: number, randomInit: number): string {
  return figure(label, formatPercent(pretrained), `${formatGain(pretrained, randomInit)} vs random init`, pretrained >= randomInit ? 'good' : 'bad');
}

function figure(label: string, value: string, note: string, tone = ''): string {
  const noteClass = tone === '' ? 'note' : `note ${tone}`;
  return (
    `<div class="figure"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>` +
    `<div class="${noteClass}">${escapeHtml(note)}</div></div>`
  );
}

function findLastRecord(metrics: readonly MetricsRecord[], predicate: (record: MetricsRecord) => boolean): MetricsRecord | undefined {
  for (let index = metrics.length - 1; index >= 0; index--) if (predicate(metrics[index])) return metrics[index];
  return undefined;
}

function significant(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(3))) : 'n/a';
}
