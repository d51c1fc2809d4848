import type { JsonSchema } from './schema-catalog.js';

const COMPONENT_PREFIX = '#/components/schemas/';

/** Depth of nested objects drawn inline; deeper ones are reached through their links. */
const MAX_INLINE_DEPTH = 3;

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Returns the anchor of a component's section on the reference page. */
export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

/**
 * Renders a JSON Schema as HTML: an object as a table of its properties (type, whether
 * required, constraints), nested objects inline up to a few levels, and `$ref`s as links
 * to the component's section.
 */
export function renderSchema(schema: JsonSchema, depth = 0): string {
  const objectSchema = asObject(schema);
  if (objectSchema !== undefined) return renderProperties(objectSchema, depth);
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.some((variant) => asObject(variant) !== undefined)) {
    return `<p class="one-of">One of:</p><ol class="variants">${variants
      .map((variant) => `<li>${renderSchema(variant, depth + 1)}</li>`)
      .join('')}</ol>`;
  }
  return `<p class="type">${typeLabel(schema)}${constraintsHtml(schema)}</p>`;
}

function asObject(schema: JsonSchema): JsonSchema | undefined {
  return schema.type === 'object' && schema.properties !== undefined ? schema : undefined;
}

function renderProperties(schema: JsonSchema, depth: number): string {
  const properties = schema.properties as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows = Object.entries(properties).map(([name, property]) => {
    const nested = nestedObjectOf(property);
    const nestedHtml =
      nested !== undefined && depth < MAX_INLINE_DEPTH ? renderSchema(nested, depth + 1) : '';
    const description =
      typeof property.description === 'string' ? `<p>${escapeHtml(property.description)}</p>` : '';
    return `<tr><td><code>${escapeHtml(name)}</code>${
      required.has(name) ? '' : ' <span class="optional">optional</span>'
    }</td><td>${typeLabel(property)}${constraintsHtml(property)}${description}${nestedHtml}</td></tr>`;
  });
  return `<table class="properties"><thead><tr><th scope="col">Field</th><th scope="col">Type</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Returns the object schema of a property (directly, as array items or beside null) to draw inline. */
function nestedObjectOf(property: JsonSchema): JsonSchema | undefined {
  if (asObject(property) !== undefined) return property;
  if (property.type === 'array' && property.items !== undefined) {
    return nestedObjectOf(property.items as JsonSchema);
  }
  const variants = (property.anyOf ?? property.oneOf) as JsonSchema[] | undefined;
  const objects = variants?.filter((variant) => asObject(variant) !== undefined) ?? [];
  return objects.length === 1 ? objects[0] : undefined;
}

/** Writes a short type such as `string`, `integer or null`, `array of Invoice`, `"invoice"`. */
export function typeLabel(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.startsWith(COMPONENT_PREFIX)
      ? schema.$ref.slice(COMPONENT_PREFIX.length)
      : schema.$ref;
    return `<a href="#${escapeHtml(schemaAnchor(name))}">${escapeHtml(name)}</a>`;
  }
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) {
    return `one of ${schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(', ')}`;
  }
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants !== undefined) return variants.map(typeLabel).join(' or ');
  if (Array.isArray(schema.type))
    return schema.type.map((type) => escapeHtml(String(type))).join(' or ');
  if (schema.type === 'array') {
    const items = schema.items as JsonSchema | undefined;
    return items === undefined ? 'array' : `array of ${typeLabel(items)}`;
  }
  if (schema.type === 'object' && schema.additionalProperties !== undefined) {
    const values = schema.additionalProperties;
    return typeof values === 'object' && values !== null
      ? `map of ${typeLabel(values as JsonSchema)}`
      : 'object';
  }
  if (typeof schema.type === 'string') return escapeHtml(schema.type);
  return 'any';
}

/** Lists the limits a reader needs: bounds, lengths, pattern, default, item counts. */
function constraintsHtml(schema: JsonSchema): string {
  const notes: string[] = [];
  const note = (label: string, key: string) => {
    if (schema[key] !== undefined) notes.push(`${label} ${JSON.stringify(schema[key])}`);
  };
  // zod bounds every integer to JavaScript's safe range; only tighter bounds tell a reader anything.
  if (schema.minimum !== Number.MIN_SAFE_INTEGER) note('min', 'minimum');
  if (schema.maximum !== Number.MAX_SAFE_INTEGER) note('max', 'maximum');
  note('greater than', 'exclusiveMinimum');
  note('less than', 'exclusiveMaximum');
  note('min length', 'minLength');
  note('max length', 'maxLength');
  note('min items', 'minItems');
  note('max items', 'maxItems');
  note('pattern', 'pattern');
  note('format', 'format');
  note('default', 'default');
  if (notes.length === 0) return '';
  return ` <span class="constraints">${escapeHtml(notes.join(', '))}</span>`;
}
