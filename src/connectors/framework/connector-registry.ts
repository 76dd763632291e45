import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { notFound } from '../../common/errors/domain-error';
import { toValidationDetails } from '../../common/errors/validation-detail';
import { ConnectorProvider, optionsTypeOf } from './connector';

/** The list of connector providers; the module builds it, so adding a connector is one line there. */
export const CONNECTOR_PROVIDERS = Symbol('CONNECTOR_PROVIDERS');

@Injectable()
export class ConnectorRegistry {
  private readonly byName: Map<string, ConnectorProvider<any>>;

  constructor(@Inject(CONNECTOR_PROVIDERS) providers: ConnectorProvider<any>[]) {
    this.byName = new Map(providers.map((p) => [p.name, p]));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  get(name: string): ConnectorProvider<any> {
    const provider = this.byName.get(name);
    if (!provider) throw notFound(`Unknown connector '${name}'. Available: ${this.names.join(', ')}.`);
    return provider;
  }

  /**
   * The body of a run request as the connector's options DTO, validated like any other body (unknown
   * fields refused, 422 array form). Done here rather than by the global pipe because the DTO depends on
   * the `{name}` path segment.
   */
  async parseOptions<O extends object>(provider: ConnectorProvider<O>, body: unknown, where = 'body'): Promise<O> {
    if (body === null || body === undefined || typeof body !== 'object' || Array.isArray(body)) {
      throw new UnprocessableEntityException({ detail: [{ type: 'model_attributes_type', loc: [where], msg: 'Input should be a valid dictionary or object', input: body ?? null }] });
    }
    const options = plainToInstance(optionsTypeOf(provider), body, { exposeDefaultValues: true });
    const errors = await validate(options, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    if (errors.length > 0) throw new UnprocessableEntityException({ detail: toValidationDetails(errors, where) });
    return options;
  }
}
