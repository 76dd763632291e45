import { CallHandler, ExecutionContext, Inject, Injectable, mixin, NestInterceptor, Type } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import { DomainError } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';

/** `10 MB` when the limit is a whole number of MiB, else `<n> bytes` (as the original words it). */
export function sizeText(bytes: number): string {
  const mib = 1024 * 1024;
  return bytes % mib === 0 ? `${bytes / mib} MB` : `${bytes} bytes`;
}

export const tooLarge = (limit: number) => new DomainError('TOO_LARGE', `Uploaded file exceeds maximum size of ${sizeText(limit)}.`);

export type UploadedFiles = Record<string, Buffer | undefined>;

/**
 * Multipart upload of the named file fields into memory, each capped at IPOCKET_IMPORT_MAX_BYTES: busboy stops
 * reading a file as soon as it passes the limit, so an oversized upload is refused with 413 before it is held
 * in memory. Runs after the access guard, so anonymous uploads are never read at all.
 */
export function UploadInterceptor(fields: string[]): Type<NestInterceptor> {
  @Injectable()
  class Upload implements NestInterceptor {
    private readonly handler: ReturnType<ReturnType<typeof multer>['any']>;

    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
      this.handler = multer({
        storage: multer.memoryStorage(),
        limits: { fileSize: config.importMaxBytes, files: fields.length * 2, fields: 32, parts: 64 },
      }).any();
    }

    async intercept(ctx: ExecutionContext, next: CallHandler) {
      const req = ctx.switchToHttp().getRequest<Request & { uploads?: UploadedFiles }>();
      const res = ctx.switchToHttp().getResponse<Response>();
      await new Promise<void>((resolve, reject) =>
        this.handler(req, res, (error?: unknown) => {
          if (!error) return resolve();
          const code = (error as { code?: string }).code;
          if (code === 'LIMIT_FILE_SIZE') return reject(tooLarge(this.config.importMaxBytes));
          if (typeof code === 'string' && code.startsWith('LIMIT_')) return reject(new DomainError('BAD_REQUEST', `Upload refused: ${(error as Error).message}.`));
          reject(new DomainError('BAD_REQUEST', `Malformed multipart upload: ${(error as Error).message}.`));
        }),
      );
      const uploads: UploadedFiles = {};
      for (const file of (req.files as Express.Multer.File[] | undefined) ?? []) {
        if (fields.includes(file.fieldname) && uploads[file.fieldname] === undefined) uploads[file.fieldname] = file.buffer;
      }
      req.uploads = uploads;
      return next.handle();
    }
  }
  return mixin(Upload);
}
