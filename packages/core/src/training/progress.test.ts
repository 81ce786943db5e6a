import { describe, expect, it } from 'vitest';
import { formatDuration, progressBar, type StepReport } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

const report = (step: number): StepReport => ({
  step,
  totalSteps: 20,
  epoch: 0,
  loss: 1 / (step + 1),
  terms: {},
  metrics: {},
  learningRate: 1e-3,
  examplesPerSecond: 512,
  elapsedSeconds: step + 1,
});

describe('progressBar', () => {
  it('redraws one line with a bar, loss, throughput and ETA on a TTY', () => {
    const { writes, stream } = fakeStream(true);
    const bar = progressBar({ stream });
    bar.onStep(report(0));
    bar.onStep(report(9));
    bar.onEnd();
    expect(writes[1]).toMatch(/^\r\[=+ +\] step 10\/20 \| loss 0\.1000 \| lr 1\.00e-3 \| 512 ex\/s \| ETA 10s/);
    expect(writes.at(-1)).toBe('\n');
  });

  it('prints plain lines every N steps when not on a TTY', () => {
    const { writes, stream } = fakeStream(false);
    const bar = progressBar({ stream, every: 10 });
    for (let step = 0; step < 20; step++) bar.onStep(report(step));
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^step 10\/20 .*\n$/);
    expect(writes[1]).toMatch(/^step 20\/20 .*ETA 0s\n$/);
  });

  it('formats durations', () => {
    expect(formatDuration(12.4)).toBe('12s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});
