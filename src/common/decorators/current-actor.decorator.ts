import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../actor';

/** The authenticated user of the request, or null for anonymous public reads. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | null => {
  return ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor ?? null;
});
