// The plugin's migrations in order. scripts/generate-migration.ts appends new ones here.
import { InitialSchema1795432313010 } from '../1795432313010-InitialSchema';
export const PAX8_MIGRATIONS: Function[] = [InitialSchema1795432313010];
