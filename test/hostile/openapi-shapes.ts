/**
 * What the OpenAPI document says a route accepts: its query parameters and the fields of its JSON body.
 * The document is generated from the DTOs, so a new route or field is fuzzed without editing the suite.
 */
interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  allOf?: Schema[];
  anyOf?: Schema[];
}

interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface RouteShape {
  query: string[];
  /** JSON body fields with their declared type; null when the route takes no JSON body. */
  body: Record<string, string> | null;
  /** multipart file fields (the import endpoints). */
  files: string[];
  documented: boolean;
}

const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');

export function routeShape(doc: OpenApiDocument, method: string, path: string): RouteShape {
  const op = doc.paths[toOpenApi(path)]?.[method.toLowerCase()];
  if (!op) return { query: [], body: null, files: [], documented: false };
  const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const content = op.requestBody?.content ?? {};
  const json = content['application/json']?.schema;
  const multipart = content['multipart/form-data']?.schema;
  return {
    query,
    body: json ? fieldsOf(doc, json) : null,
    files: multipart ? Object.keys(fieldsOf(doc, multipart)) : [],
    documented: true,
  };
}

function fieldsOf(doc: OpenApiDocument, schema: Schema): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (s: Schema) => {
    if (s.$ref) return visit(doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {});
    for (const part of [...(s.oneOf ?? []), ...(s.allOf ?? []), ...(s.anyOf ?? [])]) visit(part);
    for (const [name, prop] of Object.entries(s.properties ?? {})) out[name] ??= prop.type ?? 'object';
  };
  visit(schema);
  return out;
}
