import { join } from 'node:path';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Where `vite build` writes the page (web/vite.config.ts): dist/web, beside dist/main.js. */
export const REPORTS_PAGE_DIR = join(__dirname, '..', 'web');
const PREFIX = '/reports';

/**
 * The reports page's static files at /reports/ (only GET and HEAD; anything the build did not
 * write falls through to Nest's usual 404). Hashed assets never change, so browsers may keep
 * them; index.html is revalidated so that a new build shows at once.
 */
export function serveReportsPage(
  app: Pick<ExpressAdapter, 'use' | 'useStaticAssets'>,
  dir = REPORTS_PAGE_DIR,
): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // The query is kept: it holds the page's filters, and a shared link must still show them.
    const q = req.originalUrl.indexOf('?');
    const query = q >= 0 ? req.originalUrl.slice(q) : '';
    // Relative URLs in the page resolve against /reports/, so the bare path must gain its slash.
    if (req.path === PREFIX) return res.redirect(301, `${PREFIX}/${query}`);
    // The service's address alone finds the page. 302, not permanent: browsers would remember
    // a 301 or 308 for good, and `/` may one day answer something of its own.
    if (req.path === '/') return res.redirect(302, `${PREFIX}/${query}`);
    next();
  });
  app.useStaticAssets(dir, {
    prefix: `${PREFIX}/`,
    redirect: false,
    fallthrough: true,
    setHeaders: (res: Response, path: string) => {
      res.setHeader(
        'Cache-Control',
        path.includes(join('web', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
