/**
 * The load generator (autocannon) in a process of its own, so its CPU never counts in the server's:
 * the parent sends one route's paths, this process runs a bounded load against 127.0.0.1 and replies.
 *   parent → { url, paths, headers, connections, durationS }     child → HttpLoadFigures
 */
import autocannon from 'autocannon';

export interface HttpLoadRequest {
  url: string;
  /** Request paths, taken in turn (varying ids). */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  durationS: number;
}

export interface HttpLoadFigures {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Nearest-rank percentile of sorted latencies, ms. */
const percentile = (sorted: number[], p: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10 : 0);

async function run(r: HttpLoadRequest): Promise<HttpLoadFigures> {
  let next = 0;
  // autocannon's summary has p50/p97.5/p99 but no p95: every response time is kept (bounded by the duration) and ranked here.
  const latencies: number[] = [];
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: r.url,
        connections: r.connections,
        duration: r.durationS,
        headers: r.headers,
        timeout: 10,
        requests: [{ setupRequest: (req) => ({ ...req, path: r.paths[next++ % r.paths.length] }) }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    reqPerSec: Math.round((result.requests.total / result.duration) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

process.once('message', (r: HttpLoadRequest) => {
  run(r).then(
    (figures) => process.send!(figures, () => process.exit(0)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
});
