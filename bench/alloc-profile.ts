import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectorSession } from './inspector-session';

/**
 * BENCH_ALLOC_PROF=dir: where a scenario's engine allocates, garbage included. V8's sampling heap
 * profiler normally keeps only what is still alive when it stops; with the two "collected" flags it
 * keeps every sample, which is what GC time follows. Writes `<scenario>-<db>.heapprofile` (open it in
 * Chrome DevTools, Memory tab). Sampling every 16 KiB costs a few percent of the run.
 * BENCH_ALLOC_PROF_PROMOTED=1 leaves out what died young: what is left outlived a scavenge, the garbage
 * that grows the old generation (and so V8's next heap limit) until a full collection.
 */
export function startAllocationProfile(dir: string, name: string): () => Promise<void> {
  const { post, close } = inspectorSession();
  const started = post('HeapProfiler.enable').then(() =>
    post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.BENCH_ALLOC_PROF_PROMOTED !== '1' }),
  );
  return async () => {
    await started;
    const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: unknown };
    writeFileSync(join(dir, `${name}.heapprofile`), JSON.stringify(profile));
    close();
  };
}
