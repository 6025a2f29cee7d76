import { Pax8ClientFactory, Pax8ClientFactoryOptions } from '../../../server/pax8-api';
import type { SandboxHandle } from '../../../server/sandbox';

/** A factory pointed at a sandbox, with short backoff so fault tests stay fast, and captured log lines. */
export function factoryFor(sb: SandboxHandle, options: Pax8ClientFactoryOptions = {}) {
  const warnings: string[] = [];
  const factory = new Pax8ClientFactory({
    apiBaseUrl: sb.apiBaseUrl,
    tokenUrl: sb.tokenUrl,
    baseDelayMs: 5,
    maxDelayMs: 50,
    timeoutMs: 5000,
    logger: { warn: (m) => warnings.push(m), debug: (m) => warnings.push(m) },
    ...options,
  });
  return { factory, warnings };
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

export function tokenRequests(sb: SandboxHandle): number {
  return sb.stats().byRoute['POST /v1/token'] ?? 0;
}
