import { SlidingWindowRateLimiter } from './rate-limiter';

describe('SlidingWindowRateLimiter', () => {
  it('never lets more than `limit` requests start within one window', async () => {
    const limiter = new SlidingWindowRateLimiter(5, 200, 20);
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 12 }, () => limiter.acquire().then(() => starts.push(Date.now() - t0))));
    starts.sort((a, b) => a - b);
    for (let i = 0; i + 5 < starts.length; i++) expect(starts[i + 5] - starts[i]).toBeGreaterThanOrEqual(200);
    expect(starts[11]).toBeGreaterThanOrEqual(400);
  });

  it('holds every waiter back after pause()', async () => {
    const limiter = new SlidingWindowRateLimiter(100, 1000);
    limiter.pause(150);
    const t0 = Date.now();
    await limiter.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
