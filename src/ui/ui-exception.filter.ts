import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/errors/domain-error';
import { UiRenderer } from './ui-renderer';

const MESSAGES: Record<number, string> = {
  400: 'The request could not be understood.',
  403: 'You do not have permission to do this.',
  404: 'This page does not exist.',
  422: 'The address of this page is not valid.',
  429: 'Too many attempts. Try again later.',
};

/** Script calls (delete, auto-host) ask for JSON and get `{"error": …}`; everything else gets a page. */
export function wantsJson(req: Request): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

/**
 * Errors on UI routes become pages, never JSON bodies: a missing login redirects to the login page (for
 * POSTs too, ui.md §1.1), a refusal or a missing object renders a short error page with the right status.
 */
@Catch()
@Injectable()
export class UiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('UiErrors');

  constructor(private readonly renderer: UiRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    let status = 500;
    let message: string | undefined;
    if (exception instanceof DomainError) {
      status = exception.status;
      message = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
    } else {
      const transport = exception as { status?: number; statusCode?: number };
      const transportStatus = transport?.status ?? transport?.statusCode;
      if (transportStatus && transportStatus >= 400 && transportStatus < 500) status = transportStatus;
      else this.logger.error(`Unhandled error on ${req.method} ${req.path}`, (exception as Error)?.stack ?? String(exception));
    }
    if (status === 401) {
      if (wantsJson(req)) {
        res.status(401).json({ error: 'Login required.' });
        return;
      }
      res.redirect(303, `/ui/login?return_to=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    // Logged once, with the client address, by the security log middleware.
    if (status === 403) message = MESSAGES[403];
    // Domain "not found" texts are fine to show; generic Forbidden/Unauthorized wording is replaced above.
    const text = message && !/^(Forbidden|Not Found)$/.test(message) ? message : (MESSAGES[status] ?? 'Something went wrong. Please try again.');
    if (wantsJson(req)) {
      res.status(status).json({ error: text });
      return;
    }
    this.renderer.page(req, res, 'pages/error', { status, message: text }, { title: status === 404 ? 'Not Found' : 'Error', status });
  }
}
