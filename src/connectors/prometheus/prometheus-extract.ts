import type { BundleIpAsset } from '../framework/connector';
import { ConnectorError } from '../framework/connector';
import { hostPart, ipv4, isFirstSighting, isJsonObject as isObject, isLoopbackV4, parseRemoteJson } from '../framework/parsing';

export interface PrometheusMapping {
  query: string;
  ipLabel: string;
  assetType: string;
  projectName?: string;
  tags: string[];
}

export interface PrometheusExtraction {
  samples: number;
  ipAssets: BundleIpAsset[];
  warnings: string[];
}

/** The instant-query answer's sample list, or the hard failure of connectors.md §2.2. */
export function parseQueryResponse(body: string): unknown[] {
  const payload = parseRemoteJson(body, 'Prometheus API returned invalid JSON.');
  if (!isObject(payload)) throw new ConnectorError('Prometheus API returned an unexpected payload.');
  if (payload.status !== 'success') {
    const reason = [payload.errorType, payload.error].filter((v) => v !== undefined && v !== null && v !== '').map(String);
    throw new ConnectorError(reason.length ? `Prometheus query status was not success (${reason.join(': ')}).` : 'Prometheus query status was not success.');
  }
  const data = payload.data;
  if (!isObject(data)) throw new ConnectorError('Prometheus payload is missing data.');
  if (data.resultType !== 'vector') throw new ConnectorError(`Unsupported Prometheus resultType '${String(data.resultType)}'. Expected 'vector'.`);
  if (!Array.isArray(data.result)) throw new ConnectorError('Prometheus payload contains invalid result list.');
  return data.result;
}

/**
 * Samples → bundle entries (connectors.md §2.3–2.4). Bad samples are skipped with a warning; a malformed
 * payload is a hard failure. Generated notes; type and non-empty notes of existing addresses are preserved,
 * and given tags replace an existing address's tags (no merge).
 */
export function extractPrometheusAssets(samples: unknown[], mapping: PrometheusMapping): PrometheusExtraction {
  const label = mapping.ipLabel.trim();
  if (label === '') throw new ConnectorError('IP label must not be empty.');
  const warnings: string[] = [];
  const ipAssets: BundleIpAsset[] = [];
  const seen = new Set<string>();
  samples.forEach((sample, i) => {
    if (!isObject(sample)) throw new ConnectorError(`Prometheus sample at index ${i} is not an object.`);
    const metric = sample.metric;
    if (!isObject(metric) || !Object.values(metric).every((v) => typeof v === 'string')) throw new ConnectorError(`Prometheus sample at index ${i} has invalid metric labels.`);
    const value = sample.value;
    if (!Array.isArray(value) || value.length !== 2) throw new ConnectorError(`Prometheus sample at index ${i} has invalid value field.`);

    const raw = metric[label] as string | undefined;
    if (raw === undefined) {
      warnings.push(`Sample ${i} skipped: label '${label}' is missing.`);
      return;
    }
    const ip = ipv4(hostPart(raw));
    if (ip === null) {
      warnings.push(`Sample ${i} skipped: label '${label}' value '${raw}' does not contain a valid IPv4 address.`);
      return;
    }
    if (isLoopbackV4(ip)) {
      warnings.push(`Sample ${i} skipped: loopback IP '${ip}' is not allowed.`);
      return;
    }
    if (!isFirstSighting(seen, ip, '', warnings)) return;
    const metricName = (metric.__name__ as string | undefined) ?? 'unknown';
    const entry: BundleIpAsset = {
      ip_address: ip,
      type: mapping.assetType,
      notes: `Imported from Prometheus query '${mapping.query}' using label '${label}' (metric=${metricName}, value=${String(value[1])}).`,
      preserve_existing_notes: true,
      preserve_existing_type: true,
      archived: false,
    };
    if (mapping.projectName) entry.project_name = mapping.projectName;
    if (mapping.tags.length > 0) entry.tags = [...mapping.tags];
    ipAssets.push(entry);
  });
  return { samples: samples.length, ipAssets, warnings };
}
