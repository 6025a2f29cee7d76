/**
 * The Pax8 sandbox in its own process, so its data (hundreds of MB at large sizes) does not count in the
 * engine's RSS. Driven over IPC by bench/run.ts:
 *   parent → { type: 'start', options }            child → { type: 'ready', apiBaseUrl, tokenUrl, data }
 *   parent → { type: 'stats', id, reset? }         child → { type: 'stats', id, stats }
 *   parent → { type: 'close' }                     child exits
 */
import { startSandbox, type SandboxHandle, type SandboxOptions, type SandboxRequestStats } from '../server/sandbox';

export interface SandboxDataFigures {
  companies: number;
  subscriptions: number;
  /** Distinct products referenced by subscriptions: the product calls a cold sync needs. */
  distinctProducts: number;
  generateMs: number;
  rssMb: number;
}

export type ChildRequest =
  | { type: 'start'; options: SandboxOptions }
  | { type: 'stats'; id: number; reset?: boolean }
  | { type: 'close' };

export type ChildReply =
  | { type: 'ready'; apiBaseUrl: string; tokenUrl: string; data: Record<string, SandboxDataFigures> }
  | { type: 'stats'; id: number; stats: SandboxRequestStats; cpuMs: number }
  | { type: 'error'; message: string };

let sandbox: SandboxHandle | undefined;
/** CPU time of this process since the last stats reset: how much of a sync's wall time the sandbox itself took. */
let cpuMark = process.cpuUsage();
const send = (m: ChildReply) => process.send!(m);

process.on('message', (msg: ChildRequest) => {
  void (async () => {
    try {
      if (msg.type === 'start') {
        const t = Date.now();
        sandbox = await startSandbox(msg.options);
        const generateMs = Date.now() - t;
        const data: Record<string, SandboxDataFigures> = {};
        for (const p of sandbox.partners) {
          const store = sandbox.store(p.clientId);
          const products = new Set<unknown>();
          for (const s of store.subscriptions.values()) if (s.productId) products.add(s.productId);
          data[p.clientId] = {
            companies: store.companies.size,
            subscriptions: store.subscriptions.size,
            distinctProducts: products.size,
            generateMs,
            rssMb: Math.round(process.memoryUsage().rss / 1048576),
          };
        }
        send({ type: 'ready', apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, data });
      } else if (msg.type === 'stats') {
        const stats = sandbox!.stats();
        const cpu = process.cpuUsage(cpuMark);
        if (msg.reset) {
          sandbox!.resetStats();
          cpuMark = process.cpuUsage();
        }
        send({ type: 'stats', id: msg.id, stats, cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
      } else if (msg.type === 'close') {
        await sandbox?.close();
        process.exit(0);
      }
    } catch (err) {
      send({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  })();
});

process.on('disconnect', () => process.exit(0));
