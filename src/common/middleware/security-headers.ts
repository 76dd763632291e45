import type { NextFunction, Request, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';

type Directives = Record<string, string[]>;

/**
 * The UI's policy: every script and stylesheet is a served file, so no inline script is ever allowed. Inline
 * `style="…"` attributes (tag colours, a few layout tweaks in the templates) are allowed through `style-src-attr`
 * only; an attribute cannot run code. htmx runs with `allowEval: false` (layouts/main.hbs), so no 'unsafe-eval'.
 */
export const UI_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Swagger UI's page (from @nestjs/swagger) carries `<style>` blocks; its scripts are still served files. */
export const DOCS_CSP: Directives = { ...UI_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

const isDocsPath = (path: string) => path === '/docs' || path.startsWith('/docs/');

const HSTS_SECONDS = 365 * 24 * 3600;

function headersWith(directives: Directives) {
  const options: HelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // Sent only over HTTPS, below: over plain HTTP it is meaningless, and pinning HTTPS is the operator's call.
    strictTransportSecurity: false,
  };
  return helmet(options);
}

/**
 * Security headers on every response (pages, JSON, static files): CSP, nosniff, Referrer-Policy, framing
 * refused. HSTS is added only when the request arrived over HTTPS (directly, or as a trusted proxy reports it).
 */
export function securityHeaders() {
  const ui = headersWith(UI_CSP);
  const docs = headersWith(DOCS_CSP);
  const hsts = helmet.strictTransportSecurity({ maxAge: HSTS_SECONDS, includeSubDomains: false });
  return (req: Request, res: Response, next: NextFunction): void => {
    (isDocsPath(req.path) ? docs : ui)(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (req.secure) return hsts(req, res, next);
      next();
    });
  };
}
