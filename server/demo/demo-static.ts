import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

const ROOT = join(__dirname, '..', '..');

/** The demo page and the bundled elements (built by `npm run build:web`). */
export function serveDemoPage(app: NestExpressApplication): void {
  app.useStaticAssets(join(ROOT, 'server', 'demo', 'public'));
  app.useStaticAssets(join(ROOT, 'web-components', 'dist'), { prefix: '/elements/' });
}
