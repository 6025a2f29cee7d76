import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectorSession } from './inspector-session';

/**
 * BENCH_ALLOC_PROF=dir: where a scenario's engine allocates, garbage included. V8's sampling heap
 * profiler normally keeps only what is still alive when it stops; with the two "collected" flags it
 * keeps every sample, which is what GC time follows. Writes `<scenario>-<db>.heapprofile` (open it in
 * Chrome DevTools, Memory tab). Sampling every 16 KiB costs a few percent of the run.
 */
export function startAllocationProfile(dir: string, name: string): () => Promise<void> {
  const { post, close } = inspectorSession();
  const started = post('HeapProfiler.enable').then(() =>
    post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }),
  );
  return async () => {
    await started;
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    writeFileSync(join(dir, `${name}.heapprofile`), JSON.stringify(profile));
    close();
  };
}
