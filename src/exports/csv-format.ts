/**
 * CSV as the original writes it (Python's csv module): comma, CRLF, minimal quoting — a field is quoted only
 * when it holds a comma, a quote or a line break, inner quotes doubled; NULL is an empty field. Values are
 * written as they are (no formula escaping), so an export re-imports byte for byte.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  // A row holding one empty field would be a blank line, which readers skip; Python quotes it.
  if (values.length === 1 && (values[0] === '' || values[0] === null || values[0] === undefined)) return '""\r\n';
  return values.map(csvField).join(',') + '\r\n';
}

export const IP_ASSET_COLUMNS = ['ip_address', 'type', 'project_name', 'host_name', 'tags', 'notes', 'archived', 'created_at', 'updated_at'] as const;
export const HOST_COLUMNS = ['name', 'notes', 'vendor_name', 'project_name', 'os_ip', 'bmc_ip'] as const;
export const VENDOR_COLUMNS = ['name'] as const;
export const PROJECT_COLUMNS = ['name', 'description', 'color'] as const;
