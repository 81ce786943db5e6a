import { describe, expect, it } from 'vitest';
import { parseMetrics } from './parse-metrics.js';

describe('parseMetrics', () => {
  it('reads the known fields, the other numeric ones, and the evaluations', () => {
    const text = [
      '{"step":1,"epoch":0,"loss":4.5,"learningRate":0.001,"accuracy":0.1,"phase":"warmup"}',
      '{"step":2,"epoch":0,"loss":null,"alignment":null,"evaluation":{"meanDimensionStd":0.05,"healthyStd":0.088,"effectiveRank":12.5,"collapsed":false}}',
    ].join('\r\n');
    expect(parseMetrics(text, 'metrics.jsonl')).toEqual([
      { step: 1, epoch: 0, loss: 4.5, learningRate: 0.001, values: { accuracy: 0.1 }, evaluation: null },
      {
        step: 2,
        epoch: 0,
        loss: null,
        learningRate: null,
        values: { alignment: null },
        evaluation: { meanDimensionStd: 0.05, healthyStd: 0.088, effectiveRank: 12.5, collapsed: false },
      },
    ]);
  });

  it("reads the trainer's 1/0 collapse flag", () => {
    const line = (flag: number) => `{"step":3,"loss":1,"evaluation":{"meanDimensionStd":0.1,"healthyStd":0.1,"effectiveRank":3,"collapsed":${flag}}}`;
    expect(parseMetrics(line(1), 'm.jsonl')[0].evaluation?.collapsed).toBe(true);
    expect(parseMetrics(line(0), 'm.jsonl')[0].evaluation?.collapsed).toBe(false);
    expect(() => parseMetrics(line(2), 'm.jsonl')).toThrow(/must be 1, 0, true or false, got 2/);
  });

  it("plots a text run's evaluation figures (validation loss) with the other metrics; no collapse record", () => {
    const [record] = parseMetrics('{"step":50,"loss":2.1,"evaluation":{"validationLoss":2.3,"validationPerplexity":9.97}}', 'm.jsonl');
    expect(record.values).toEqual({ validationLoss: 2.3, validationPerplexity: 9.97 });
    expect(record.evaluation).toBeNull();
    expect(() => parseMetrics('{"step":1,"loss":1,"evaluation":[1]}', 'm.jsonl')).toThrow(/'evaluation' must be/);
  });

  it('counts lines from 1, blank ones included, in its errors', () => {
    expect(() => parseMetrics('{"step":1,"loss":1}\n\n[1]', 'm.jsonl')).toThrow(/^m\.jsonl:3: expected a JSON object, got \[1\]$/);
    expect(() => parseMetrics('{"step":1}', 'm.jsonl')).toThrow(/^m\.jsonl:1: 'loss' must be a number, got nothing$/);
    expect(() => parseMetrics('{"step":1,"loss":1,"evaluation":{"meanDimensionStd":0.1,"healthyStd":0.1,"effectiveRank":3}}', 'm.jsonl')).toThrow(
      /^m\.jsonl:1: 'evaluation\.collapsed' must be 1, 0, true or false, got nothing$/,
    );
    expect(() => parseMetrics('\n \n', 'm.jsonl')).toThrow(/^m\.jsonl: no training step recorded/);
  });

  it('leaves out a torn last line (a crash mid-write) with one warning, but not a bad line before it', () => {
    const warnings: string[] = [];
    const records = parseMetrics('{"step":1,"loss":1}\n{"step":2,"lo', 'm.jsonl', { warn: (line) => warnings.push(line) });
    expect(records.map((record) => record.step)).toEqual([1]);
    expect(warnings).toEqual(['selfsup: m.jsonl: leaving out its torn last line (a crash in the middle of writing it): "{\\"step\\":2,\\"lo"']);
    expect(() => parseMetrics('{"step":1,"lo\n{"step":2,"loss":1}\n', 'm.jsonl', { warn: () => {} })).toThrow(/^m\.jsonl:1: not valid JSON/);
  });
});
