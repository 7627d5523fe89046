/**
 * Renders a JSON Schema as a one-line, TypeScript-like type for the protocol page:
 * `{ pid: integer 1…4194304, name?: string }`. Named schemas ($ref) stay names, defined once below.
 */
type Json = { [key: string]: unknown };

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function range(schema: Json): string {
  const min = (schema.minimum ?? schema.exclusiveMinimum) as number | undefined;
  const max = schema.maximum as number | undefined;
  const low = min === undefined || min <= -MAX_SAFE ? '' : `${schema.exclusiveMinimum !== undefined ? '>' : ''}${min}`;
  const high = max === undefined || max >= MAX_SAFE ? '' : String(max);
  if (!low && !high) return '';
  if (low && high) return ` ${low}…${high}`;
  return low ? (low.startsWith('>') ? ` ${low}` : ` ≥${low}`) : ` ≤${high}`;
}

function withDefault(schema: Json, text: string): string {
  return 'default' in schema ? `${text} = ${JSON.stringify(schema.default)}` : text;
}

export function compactType(schema: Json): string {
  if (typeof schema.$ref === 'string') return schema.$ref.replace(/^#\/\$defs\//, '');
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as Json[]).map(compactType).join(' | ');
  }
  if (Array.isArray(schema.type)) return schema.type.map((type) => compactType({ ...schema, type })).join(' | ');
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set((schema.required ?? []) as string[]);
      const fields = Object.entries(properties).map(
        ([name, value]) => `${name}${required.has(name) ? '' : '?'}: ${withDefault(value, compactType(value))}`,
      );
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object') fields.push(`[key: string]: ${compactType(extra as Json)}`);
      return fields.length ? `{ ${fields.join(', ')} }` : '{}';
    }
    case 'array': {
      // A tuple (z.tuple): its positions, as TypeScript writes one.
      if (Array.isArray(schema.prefixItems)) return `[${(schema.prefixItems as Json[]).map(compactType).join(', ')}]`;
      const item = compactType((schema.items ?? {}) as Json);
      const bound = schema.maxItems === undefined ? '' : ` (≤${schema.maxItems})`;
      return `${item.includes(' ') && !item.startsWith('{') ? `(${item})` : item}[]${bound}`;
    }
    case 'integer':
    case 'number':
      return `${schema.type}${range(schema)}`;
    case 'string': {
      const length = schema.maxLength === undefined ? '' : ` (≤${schema.maxLength} chars)`;
      return schema.minLength === 1 && schema.maxLength === 1 ? 'char' : `string${length}`;
    }
    case 'boolean':
    case 'null':
      return schema.type;
    default:
      return 'unknown';
  }
}
