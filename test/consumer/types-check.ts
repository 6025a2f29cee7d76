/**
 * Type-checked in each consumer host with TypeScript's node16 resolution, which follows the package's
 * `exports` map: the server entries as a CommonJS Nest host sees them.
 */
import { Pax8Module, PAX8_ENTITIES, PAX8_MIGRATIONS, type Pax8ModuleOptionsInput, type TenantContextPort } from '@openmsp/pax8-plugin';
import { startSandbox, type SandboxHandle } from '@openmsp/pax8-plugin/sandbox';

const options: Pax8ModuleOptionsInput = { encryption: { currentKeyId: 'k', keys: { k: 'a'.repeat(44) } } };
const context: TenantContextPort = { resolve: () => null };
const mounted = Pax8Module.forRoot({ ...options, routePrefix: 'pax8' });
const sandbox: Promise<SandboxHandle> = startSandbox({ port: 0 });
export const checked = [mounted, PAX8_ENTITIES.length, PAX8_MIGRATIONS.length, context, sandbox];
