import { ArgumentMetadata, Injectable, PipeTransform, UnprocessableEntityException } from '@nestjs/common';
import { MAX_ROW_ID } from '../dto/row-id';

/** Path ids: a positive whole number, else the 422 array form with `loc: ["path", <name>]`. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const id = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ROW_ID) {
      throw new UnprocessableEntityException({
        detail: [{ type: 'int_parsing', loc: ['path', metadata.data ?? 'id'], msg: 'Input should be a valid positive integer', input: value }],
      });
    }
    return id;
  }
}
