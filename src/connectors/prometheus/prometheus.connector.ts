import { Injectable } from '@nestjs/common';
import { ConnectorCollection, ConnectorForm, ConnectorProvider } from '../framework/connector';
import { assetTypeField, insecureField, projectNameField, secretField, tagsField, textField, timeoutField, urlField } from '../dto/connector-form-fields';
import { PROMETHEUS_CLI } from './prometheus.cli';
import { splitUserTags } from '../framework/parsing';
import { remoteBody } from '../framework/remote-http';
import { extractPrometheusAssets, parseQueryResponse } from './prometheus-extract';
import { PrometheusOptionsDto } from './prometheus-options.dto';

/** `Authorization` for a token: `user:password` → Basic, anything else → Bearer (connectors.md §2.1). */
export function authorizationHeader(token: string | undefined): string | undefined {
  const value = token?.trim();
  if (!value) return undefined;
  return value.includes(':') ? `Basic ${Buffer.from(value).toString('base64')}` : `Bearer ${value}`;
}

export const queryUrl = (base: string, query: string): URL => new URL(`${base.trim().replace(/\/+$/, '')}/api/v1/query?${new URLSearchParams({ query })}`);

/** Reads one instant query from the Prometheus HTTP API and turns the chosen label into IPv4 assets. */
@Injectable()
export class PrometheusConnector implements ConnectorProvider<PrometheusOptionsDto> {
  readonly name = 'prometheus';
  readonly label = 'Prometheus';
  static readonly optionsType = PrometheusOptionsDto;
  readonly secretFields = ['token'] as const;
  readonly reportsIpPreview = true;
  readonly reportsPerIpDiff = true;
  readonly summaryEntities = ['ip_assets'] as const;
  static readonly cli = PROMETHEUS_CLI;
  readonly form: ConnectorForm = {
    overview: { type: 'Query-based import (one label of an instant query)', how: 'PromQL query and the label that holds the address.' },
    fields: [
      urlField('prometheus_url', 'Prometheus URL', 'http://prometheus:9090'),
      textField('query', 'PromQL query', { placeholder: 'up{job="node"}', wide: true, mono: true }),
      textField('ip_label', 'IP label', { initial: 'instance' }),
      assetTypeField(),
      projectNameField(),
      tagsField('monitoring, prod'),
      secretField('token', 'Token', 'Bearer token or user:password'),
      timeoutField(),
      insecureField(),
    ],
    cliExample: "ipocket connector prometheus --prometheus-url http://prometheus:9090 --query 'up{job=\"node\"}' --ip-label instance --mode dry-run",
  };

  async collect(options: PrometheusOptionsDto): Promise<ConnectorCollection> {
    const base = options.prometheus_url.trim().replace(/\/+$/, '');
    const url = queryUrl(base, options.query);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const auth = authorizationHeader(options.token);
    if (auth) headers.Authorization = auth;
    const body = await remoteBody(
      { url, headers, timeoutMs: (options.timeout ?? 30) * 1000, insecure: options.insecure === true },
      { callFailed: (reason) => `Failed to call Prometheus API: ${reason}`, httpFailed: (status, text) => `Prometheus query failed with HTTP ${status}: ${text}` },
    );
    const samples = parseQueryResponse(body);
    const extraction = extractPrometheusAssets(samples, {
      query: options.query,
      ipLabel: options.ip_label ?? 'instance',
      assetType: options.asset_type ?? 'OTHER',
      projectName: options.project_name?.trim() || undefined,
      tags: splitUserTags(options.tags),
    });
    return {
      hosts: [],
      ipAssets: extraction.ipAssets,
      warnings: extraction.warnings,
      log: [`Connected to Prometheus '${base}'.`, `Collected ${extraction.samples} metric samples.`, `Prepared ${extraction.ipAssets.length} IP assets from query results.`],
      cliLines: [`Collected ${extraction.samples} metric samples from Prometheus`, `Prepared ${extraction.ipAssets.length} IP assets from query results`],
    };
  }
}
