// The plugin's migrations in order. scripts/generate-migration.ts appends new ones here.
import { InitialSchema1795427310332 } from '../1795427310332-InitialSchema';
export const PAX8_MIGRATIONS: Function[] = [InitialSchema1795427310332];
