import * as core from '@duly/core';
import { z } from 'zod';
import type { SchemaReference } from './operation.js';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = Record<string, unknown>;

/**
 * Side of the wire a schema describes. Requests are read as clients write them (defaults
 * optional, before transforms), and responses as the API sends them.
 */
export type SchemaDirection = 'input' | 'output';

const COMPONENT_PREFIX = '#/components/schemas/';

/** Maps each zod schema that `@duly/core` exports to its component name (`InvoiceSchema` -> `Invoice`). */
function coreSchemaNames(): Map<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const [exportName, value] of Object.entries(core)) {
    if (value instanceof z.ZodType && exportName.endsWith('Schema')) {
      names.set(value, exportName.slice(0, -'Schema'.length));
    }
  }
  return names;
}

/**
 * Keywords for core schemas whose rule is a refinement, which JSON Schema cannot carry:
 * without them a date, a currency and an instant would all read as a bare string.
 */
const REFINED_SCHEMA_KEYWORDS = new Map<z.ZodType, JsonSchema>([
  [core.PlainDateSchema, { format: 'date', description: 'A calendar date, YYYY-MM-DD.' }],
  [
    core.CurrencySchema,
    { pattern: '^[A-Z]{3}$', description: 'An uppercase ISO 4217 currency code, such as USD.' },
  ],
  [core.TimestampSchema, { format: 'date-time', description: 'An instant in UTC, ISO 8601.' }],
]);

/** Conversion options shared by components and inline schemas. */
function conversionOptions(direction: SchemaDirection) {
  return {
    io: direction,
    unrepresentable: 'any' as const,
    override: (context: { zodSchema: unknown; jsonSchema: JsonSchema }) => {
      const keywords = REFINED_SCHEMA_KEYWORDS.get(context.zodSchema as z.ZodType);
      if (keywords !== undefined) Object.assign(context.jsonSchema, keywords);
    },
  };
}

interface PendingReference {
  target: { $ref: string };
  name: string;
  direction: SchemaDirection;
}

/**
 * Collects the named schemas that operations refer to and turns them into
 * `components/schemas` with zod's `z.toJSONSchema`. References are handed out first and
 * filled in by `components()`. That is because a name used by both requests and responses
 * keeps one component only when both directions convert to the same JSON Schema. Otherwise
 * the request side is renamed `<name>Input`.
 */
export class SchemaCatalog {
  readonly #coreNames = coreSchemaNames();
  readonly #schemas: Record<SchemaDirection, Map<string, z.ZodType>> = {
    input: new Map(),
    output: new Map(),
  };
  readonly #pending: PendingReference[] = [];

  /**
   * Returns a `$ref` to `reference`'s component, or the schema inline when it has no
   * name (a schema defined outside `@duly/core` and not given one).
   */
  refer(reference: SchemaReference, direction: SchemaDirection): JsonSchema {
    const named = this.#nameOf(reference);
    if (named === undefined) return this.inline(reference as z.ZodType, direction);
    return this.#referTo(named.name, named.schema, direction);
  }

  /** Returns a `$ref` to a `{ object: 'list', data, next_cursor }` page of `item`. */
  referToList(item: SchemaReference, direction: SchemaDirection): JsonSchema {
    const named = this.#nameOf(item);
    if (named === undefined) {
      throw new Error('A list response needs a named item schema, such as one from @duly/core.');
    }
    // The item gets its own component, so that the list refers to it.
    this.#referTo(named.name, named.schema, direction);
    return this.#referTo(`${named.name}List`, core.listSchema(named.schema), direction);
  }

  /** Converts `schema` on its own, with every nested schema inline. */
  inline(schema: z.ZodType, direction: SchemaDirection): JsonSchema {
    return tidy(z.toJSONSchema(schema, conversionOptions(direction)), direction);
  }

  /** Builds `components/schemas` and fills in every reference handed out so far. */
  components(): Record<string, JsonSchema> {
    const converted = {
      input: this.#convert('input'),
      output: this.#convert('output'),
    };
    const components: Record<string, JsonSchema> = { ...converted.output };
    const inputNames = new Map<string, string>();
    for (const [name, schema] of Object.entries(converted.input)) {
      const output = converted.output[name];
      const same = output !== undefined && JSON.stringify(output) === JSON.stringify(schema);
      inputNames.set(name, output === undefined || same ? name : `${name}Input`);
    }
    for (const [name, schema] of Object.entries(converted.input)) {
      components[inputNames.get(name) ?? name] = renameReferences(schema, inputNames);
    }

    for (const pending of this.#pending) {
      const name =
        pending.direction === 'input'
          ? (inputNames.get(pending.name) ?? pending.name)
          : pending.name;
      pending.target.$ref = `${COMPONENT_PREFIX}${name}`;
    }
    return Object.fromEntries(
      Object.entries(components).sort(([a], [b]) => a.localeCompare(b, 'en')),
    );
  }

  #nameOf(reference: SchemaReference): { name: string; schema: z.ZodType } | undefined {
    if (!(reference instanceof z.ZodType)) return reference;
    const name = this.#coreNames.get(reference);
    return name === undefined ? undefined : { name, schema: reference };
  }

  #referTo(name: string, schema: z.ZodType, direction: SchemaDirection): JsonSchema {
    const known = this.#schemas[direction].get(name);
    if (known === undefined) {
      this.#schemas[direction].set(name, schema);
    } else if (known !== schema) {
      // List wrappers are rebuilt on each call, so a second instance under a taken name is
      // a mistake only when it converts to another JSON Schema.
      const knownJson = JSON.stringify(this.inline(known, direction));
      if (knownJson !== JSON.stringify(this.inline(schema, direction))) {
        throw new Error(
          `Two different schemas are named "${name}" in the OpenAPI document; give one another name.`,
        );
      }
    }
    const target = { $ref: '' };
    this.#pending.push({ target, name, direction });
    return target;
  }

  #convert(direction: SchemaDirection): Record<string, JsonSchema> {
    const registry = z.registry<{ id: string }>();
    for (const [name, schema] of this.#schemas[direction]) registry.add(schema, { id: name });
    const { schemas } = z.toJSONSchema(registry, {
      ...conversionOptions(direction),
      uri: (id) => `${COMPONENT_PREFIX}${id}`,
    });
    return Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [
        name,
        tidy(schema as JsonSchema, direction),
      ]),
    );
  }
}

/**
 * Removes what OpenAPI does not need from zod's output: the `$schema` and `$id` of each
 * component (the document fixes the dialect) and zod's own `format: starts_with`, which
 * validators do not define, while the `pattern` beside it states the same rule. Response objects also
 * lose `additionalProperties: false`, because a field added to a response is a compatible
 * change that clients should ignore; requests keep it, as the API rejects unknown fields.
 */
function tidy(schema: JsonSchema, direction: SchemaDirection): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return strip(rest, direction) as JsonSchema;
}

function strip(value: unknown, direction: SchemaDirection): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, direction));
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'format' && inner === 'starts_with') continue;
    if (key === 'additionalProperties' && inner === false && direction === 'output') continue;
    result[key] = strip(inner, direction);
  }
  return result;
}

/** Points `$ref`s inside a request-side component at the request side's renamed components. */
function renameReferences(schema: JsonSchema, names: ReadonlyMap<string, string>): JsonSchema {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (typeof value !== 'object' || value === null) return value;
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith(COMPONENT_PREFIX)) {
        const name = inner.slice(COMPONENT_PREFIX.length);
        result[key] = `${COMPONENT_PREFIX}${names.get(name) ?? name}`;
      } else {
        result[key] = rewrite(inner);
      }
    }
    return result;
  };
  return rewrite(schema) as JsonSchema;
}
