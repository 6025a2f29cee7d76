import { progressCadence } from './progress-cadence';

describe('progressCadence', () => {
  it('reports the first write, then at most every interval, and always the last page', () => {
    let t = 1_000;
    const report = progressCadence(250, () => t);
    expect(report(1, 10)).toBe(true); // first
    t += 100;
    expect(report(2, 10)).toBe(false);
    t += 149;
    expect(report(3, 10)).toBe(false); // 249 ms after the last report
    t += 1;
    expect(report(4, 10)).toBe(true); // 250 ms
    t += 10;
    expect(report(10, 10)).toBe(true); // the phase's last page, however soon
  });

  it('reports a single-page phase and an empty one', () => {
    expect(progressCadence(250, () => 0)(1, 1)).toBe(true);
    expect(progressCadence(250, () => 0)(1, 0)).toBe(true);
  });
});
