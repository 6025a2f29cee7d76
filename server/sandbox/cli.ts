/**
 * `npm run sandbox -- [--port 4010] [--host 127.0.0.1] [--size demo|small|bench] [--seed 1]
 *                     [--token-lifetime 86400] [--no-rate-limit]`
 * Port also from PAX8_SANDBOX_PORT. Prints the URLs and the demo credentials.
 */
import { startSandbox } from './index';
import type { SandboxPartner } from './sandbox.types';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? process.env.PAX8_SANDBOX_PORT ?? 4010);
  const size = (arg('size') ?? 'demo') as SandboxPartner['size'];
  if (!['demo', 'small', 'bench'].includes(size as string)) throw new Error('--size must be demo, small or bench');
  const seed = Number(arg('seed') ?? 1);
  const lifetime = arg('token-lifetime');
  const sb = await startSandbox({
    port,
    host: arg('host') ?? '127.0.0.1',
    partners: [{ clientId: 'sandbox-client', clientSecret: 'sandbox-secret', seed, size }],
    tokenLifetimeSeconds: lifetime ? Number(lifetime) : undefined,
    rateLimit: process.argv.includes('--no-rate-limit') ? false : undefined,
  });
  const p = sb.partners[0];
  const store = sb.store(p.clientId);
  console.log(`Pax8 sandbox listening on ${sb.url}  (size ${size}, seed ${seed}: ${store.companies.size} companies, ${store.subscriptions.size} subscriptions, ${store.products.size} products)`);
  console.log(`  API base URL : ${sb.apiBaseUrl}`);
  console.log(`  Token URL    : ${sb.tokenUrl}  (audience https://api.pax8.com)`);
  console.log(`  client_id    : ${p.clientId}`);
  console.log(`  client_secret: ${p.clientSecret}`);
  console.log(`  Admin        : ${sb.url}/__admin/stats, POST ${sb.url}/__admin/faults, /__admin/quirks, /__admin/revoke, /__admin/restore`);
  const stop = () => void sb.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
