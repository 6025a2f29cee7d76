/** Starts bench/sandbox-child.ts with ts-node and talks to it over IPC. */
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { SandboxOptions, SandboxRequestStats } from '../server/sandbox';
import type { ChildReply, SandboxDataFigures } from './sandbox-child';

export interface SandboxProcess {
  pid: number;
  apiBaseUrl: string;
  tokenUrl: string;
  data: Record<string, SandboxDataFigures>;
  /** The sandbox's request stats; `reset` zeroes them after reading. */
  stats(reset?: boolean): Promise<SandboxRequestStats & { cpuMs: number }>;
  close(): Promise<void>;
}

export async function startSandboxProcess(options: SandboxOptions, maxOldSpaceMb = 4096): Promise<SandboxProcess> {
  // Compiled with the engine (bench/run.ts) or under ts-node, as this file is.
  const compiled = __filename.endsWith('.js');
  const child: ChildProcess = fork(join(__dirname, compiled ? 'sandbox-child.js' : 'sandbox-child.ts'), [], {
    execArgv: [...(compiled ? [] : ['-r', 'ts-node/register/transpile-only']), `--max-old-space-size=${maxOldSpaceMb}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, (s: SandboxRequestStats & { cpuMs: number }) => void>();
  let onReady: ((m: Extract<ChildReply, { type: 'ready' }>) => void) | undefined;
  let onError: ((e: Error) => void) | undefined;
  child.on('message', (m: ChildReply) => {
    if (m.type === 'ready') onReady?.(m);
    else if (m.type === 'stats') {
      pending.get(m.id)?.({ ...m.stats, cpuMs: m.cpuMs });
      pending.delete(m.id);
    } else if (m.type === 'error') onError?.(new Error(`sandbox child: ${m.message}`));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Extract<ChildReply, { type: 'ready' }>>((resolve, reject) => {
    onReady = resolve;
    onError = reject;
    child.once('exit', (code) => reject(new Error(`sandbox child exited with ${code} before it was ready`)));
    child.send({ type: 'start', options });
  });
  onError = (e) => console.error(e.message);
  return {
    pid: child.pid!,
    apiBaseUrl: ready.apiBaseUrl,
    tokenUrl: ready.tokenUrl,
    data: ready.data,
    stats: (reset = false) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        child.send({ type: 'stats', id, reset });
      }),
    close: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
