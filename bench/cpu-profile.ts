import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectorSession } from './inspector-session';

/**
 * A V8 CPU profile of this process from now until the returned function is called, written as
 * `<name>.cpuprofile` (open it in Chrome DevTools). For one phase of a bench, where `--cpu-prof` would
 * also record the set-up (a cold sync) that dwarfs what is measured.
 */
export function startCpuProfile(dir: string, name: string): () => Promise<void> {
  const { post, close } = inspectorSession();
  const started = post('Profiler.enable').then(() => post('Profiler.start'));
  return async () => {
    await started;
    const { profile } = (await post('Profiler.stop')) as { profile: unknown };
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    close();
  };
}
