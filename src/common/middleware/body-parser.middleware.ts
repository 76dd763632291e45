import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/**
 * Body size limits by kind of route. JSON is the API (the largest legitimate body is a bulk request of a few
 * thousand ids); URL-encoded bodies are the UI's forms, a few fields each; multipart bodies are the import uploads,
 * parsed only on the import routes and capped there at IPOCKET_IMPORT_MAX_BYTES per file (imports/upload.interceptor.ts).
 * A body of any other type is never read. Oversize → 413 with a `detail`.
 */
export const BODY_LIMITS = {
  json: 1024 * 1024,
  form: 256 * 1024,
} as const;

const parsers = [express.json({ limit: BODY_LIMITS.json }), express.urlencoded({ extended: false, limit: BODY_LIMITS.form })];

/**
 * Body parsing as Nest middleware rather than Express's built-in: a parse error thrown here reaches the
 * exception filter (422 / 413 with a `detail`) and happens before authentication, as in the original.
 */
@Injectable()
export class BodyParserMiddleware implements NestMiddleware {
  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    for (const parse of parsers) {
      await new Promise<void>((resolve, reject) => parse(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
    }
    next();
  }
}
