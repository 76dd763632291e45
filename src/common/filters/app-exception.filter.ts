import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError } from '../errors/domain-error';

/** Body-parser and multer failures arrive as plain errors carrying a status and a type. */
interface TransportError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  message?: string;
  limit?: number;
}

/**
 * The one place errors become responses: `{"detail": …}` bodies, the status a domain error asks for,
 * a login redirect for browsers (decision A3), and a generic 500 whose stack goes to the log only.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) return;
    const { status, body } = this.describe(exception, request);
    const retryAfter = (exception as { retryAfterSeconds?: number })?.retryAfterSeconds;
    if (status === 429 && retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));

    if (status === 401 && wantsHtml(request) && isBrowserPath(request.path)) {
      const returnTo = encodeURIComponent(request.originalUrl);
      response.redirect(303, `/ui/login?return_to=${returnTo}`);
      return;
    }
    // A browser page whose request failed before reaching its controller (a form over the body limit, a
    // malformed upload): the error page rather than JSON. Errors raised by UI controllers are rendered by
    // their own filter with the full layout; this one has no session context, hence the bare layout.
    // originalUrl: inside a mounted middleware (the body parser) `path` is relative to the mount point.
    if (status < 500 && request.originalUrl.startsWith('/ui/') && (request.headers.accept ?? '').includes('text/html')) {
      const detail = (body as { detail?: unknown }).detail;
      const message = typeof detail === 'string' ? detail : (STATUS_CODES[status] ?? 'Error');
      response.status(status).render('pages/error', { layout: 'layouts/bare', pageTitle: `${status} · ipocket`, status, message });
      return;
    }
    // 403s are logged for every route by logForbiddenResponses (common/middleware/security-log.ts).
    response.status(status).json(body);
  }

  private describe(exception: unknown, request: Request): { status: number; body: unknown } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: { detail: exception.message } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'detail' in payload) {
        return { status, body: payload };
      }
      const message = typeof payload === 'object' ? (payload as { message?: unknown }).message : payload;
      // Nest's own messages ("Cannot GET /x") are replaced by the reason phrase, as the original does.
      const keepMessage = status !== 404 && status !== 405 && typeof message === 'string' && !/^Cannot /.test(message);
      return { status, body: { detail: keepMessage ? message : (STATUS_CODES[status] ?? 'Error') } };
    }
    const transport = exception as TransportError;
    if (transport?.type === 'entity.parse.failed') {
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        body: { detail: [{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {}, ctx: { error: transport.message } }] },
      };
    }
    if (transport?.type === 'entity.too.large' || transport?.code === 'LIMIT_FILE_SIZE') {
      const limit = transport.limit ? ` (limit ${transport.limit} bytes)` : '';
      return { status: HttpStatus.PAYLOAD_TOO_LARGE, body: { detail: `Request body is too large${limit}.` } };
    }
    const transportStatus = transport?.status ?? transport?.statusCode;
    if (transportStatus && transportStatus >= 400 && transportStatus < 500) {
      return { status: transportStatus, body: { detail: transport.message ?? STATUS_CODES[transportStatus] } };
    }
    this.logger.error(`Unhandled error on ${request.method} ${request.path}`, (exception as Error)?.stack ?? String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { detail: 'Internal Server Error' } };
  }
}

function wantsHtml(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
}

function isBrowserPath(path: string): boolean {
  return path.startsWith('/ui') || path.startsWith('/export') || path === '/';
}
