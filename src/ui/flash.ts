import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionCookie } from '../auth/session-cookie';

export const FLASH_COOKIE = 'ipocket_flash';
export type ToastType = 'success' | 'info' | 'error' | 'warning';
export interface Toast {
  type: ToastType;
  message: string;
}

const TYPES: ToastType[] = ['success', 'info', 'error', 'warning'];
const MAX_MESSAGES = 5;
const MAX_LENGTH = 400;

/** Normalises a toast list per ui.md §1.2: known types, no empty messages, at most 5, each ≤ 400 characters. */
export function cleanToasts(input: unknown): Toast[] {
  if (!Array.isArray(input)) return [];
  return input
    .filter((item): item is { type?: unknown; message?: unknown } => typeof item === 'object' && item !== null)
    .map((item) => ({
      type: TYPES.includes(item.type as ToastType) ? (item.type as ToastType) : 'info',
      message: typeof item.message === 'string' ? item.message.slice(0, MAX_LENGTH) : '',
    }))
    .filter((toast) => toast.message.trim() !== '')
    .slice(-MAX_MESSAGES);
}

/**
 * One-time messages carried across a redirect in a signed cookie (`<base64url(JSON)>.<hex HMAC>`). Only full
 * pages consume them (decision UI3); a tampered cookie is ignored.
 */
@Injectable()
export class FlashService {
  constructor(private readonly signer: SessionCookie) {}

  add(req: Request, res: Response, type: ToastType, message: string): void {
    const toasts = cleanToasts([...this.read(req), { type, message }]);
    res.cookie(FLASH_COOKIE, this.signer.sign(Buffer.from(JSON.stringify(toasts), 'utf8').toString('base64url')), {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: req.secure,
    });
  }

  /** Reads and clears the messages; called when a full page is rendered. */
  consume(req: Request, res: Response): Toast[] {
    const cookies = req.cookies as Record<string, string> | undefined;
    if (!cookies?.[FLASH_COOKIE]) return [];
    const toasts = this.read(req);
    res.clearCookie(FLASH_COOKIE, { path: '/' });
    return toasts;
  }

  private read(req: Request): Toast[] {
    const payload = this.signer.verify((req.cookies as Record<string, string> | undefined)?.[FLASH_COOKIE]);
    if (!payload) return [];
    try {
      return cleanToasts(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return [];
    }
  }
}
