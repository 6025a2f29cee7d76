// The plugin's migrations in order. scripts/generate-migration.ts appends new ones here.
import { InitialSchema1795426840263 } from '../1795426840263-InitialSchema';
export const PAX8_MIGRATIONS: Function[] = [InitialSchema1795426840263];
