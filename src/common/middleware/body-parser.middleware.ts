import { Injectable, NestMiddleware } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';

/** JSON and form bodies up to this size; uploads (multipart) have their own per-route limits. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const parsers = [express.json({ limit: BODY_LIMIT_BYTES }), express.urlencoded({ extended: false, limit: BODY_LIMIT_BYTES })];

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
