import {
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLLeafType,
  GraphQLScalarType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type TypeNode,
  isInputObjectType,
  isLeafType,
  isNonNullType,
  visit,
  BREAK,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Fast coercion of long list variables (logBatch's 1,000 MetricInput objects).
 *
 * graphql-js coerces a variable item by item through generic code, and graphql-tools' executor copies
 * the whole value first: for 1,000 MetricInput objects that took about 5 ms per request, as long as
 * SQLite takes to store them. This plugin coerces variables whose type is a flat input object (only
 * scalar and enum fields), or a list of them, with a loop specialised per type that calls the same
 * scalar `parseValue` functions and follows graphql-js's rules (required fields, defaults, null,
 * unknown fields). The executor then sees those variables through a pass-through type of the same
 * name, so they are not coerced twice.
 *
 * Anything unusual declines the fast path for the whole operation, which then takes graphql-js's own
 * path unchanged (so every error and its message stays graphql-js's): a value that does not coerce
 * cleanly, a missing value or a default, an introspection field (which could see the pass-through
 * type), a @oneOf type, or fewer than MIN_ITEMS objects in all (small requests need no help).
 */
export const MIN_ITEMS = 64;

interface FlatField {
  name: string;
  type: GraphQLLeafType;
  nonNull: boolean;
  defaultValue: unknown;
}

/** A variable's shape: T, T!, [T], [T!], [T]!, [T!]! with T a flat input object type. */
interface FlatShape {
  typeName: string;
  nonNull: boolean;
  list: boolean;
  itemNonNull: boolean;
}

interface FlatVariable extends FlatShape {
  name: string;
}

export function useFastListVariables(): Plugin {
  const cache = new WeakMap<GraphQLSchema, SchemaHelpers>();
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      let helpers = cache.get(args.schema);
      if (!helpers) cache.set(args.schema, (helpers = new SchemaHelpers(args.schema)));
      const fast = helpers.coerce(args.document, args.operationName, args.variableValues);
      if (!fast) return;
      const { schema, variableValues } = fast;
      setExecuteFn((execArgs) => executeFn({ ...execArgs, schema, variableValues }));
    },
  };
}

/** Per schema: the flat input types, their specialised coercers, and pass-through schemas. */
export class SchemaHelpers {
  private readonly fields = new Map<string, FlatField[] | null>();
  private readonly passThrough = new Map<string, GraphQLSchema>();

  constructor(private readonly schema: GraphQLSchema) {}

  /**
   * The variables with every flat-typed one coerced, and the schema to execute them with; undefined
   * when the operation should take graphql-js's own path.
   */
  coerce(
    document: DocumentNode,
    operationName: string | null | undefined,
    raw: Record<string, unknown> | null | undefined,
  ): { schema: GraphQLSchema; variableValues: Record<string, unknown> } | undefined {
    if (!raw) return undefined;
    const operation = findOperation(document, operationName);
    const definitions = operation?.variableDefinitions;
    if (!operation || !definitions?.length) return undefined;
    const targets: FlatVariable[] = [];
    let items = 0;
    for (const definition of definitions) {
      const shape = flatShape(definition.type);
      if (!shape || !this.flatFields(shape.typeName)) continue;
      const name = definition.variable.name.value;
      // A default would be read through the pass-through type, uncoerced: leave those to graphql-js.
      if (definition.defaultValue) return undefined;
      if (!Object.prototype.hasOwnProperty.call(raw, name)) {
        if (shape.nonNull) return undefined; // graphql-js reports it
        continue; // absent stays absent
      }
      const value = raw[name];
      items += Array.isArray(value) ? value.length : 1;
      targets.push({ name, ...shape });
    }
    if (items < MIN_ITEMS || usesIntrospection(document)) return undefined;

    const variableValues: Record<string, unknown> = { ...raw };
    for (const target of targets) {
      const coerced = this.coerceVariable(target, raw[target.name]);
      if (coerced === undefined) return undefined;
      variableValues[target.name] = coerced;
    }
    return { schema: this.passThroughSchema(targets.map((t) => t.typeName)), variableValues };
  }

  private coerceVariable(target: FlatVariable, value: unknown): unknown {
    const fields = this.flatFields(target.typeName) as FlatField[];
    if (value === undefined) return undefined;
    if (value === null) return target.nonNull ? undefined : null;
    if (!target.list) return coerceObject(value, fields);
    if (!Array.isArray(value)) return undefined;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || item === undefined) {
        if (target.itemNonNull) return undefined;
        out[i] = null;
        continue;
      }
      const coerced = coerceObject(item, fields);
      if (coerced === undefined) return undefined;
      out[i] = coerced;
    }
    return out;
  }

  /** The fields of an input object type whose fields are all scalars or enums; null for any other type. */
  private flatFields(typeName: string): FlatField[] | null {
    let fields = this.fields.get(typeName);
    if (fields === undefined) {
      fields = flatFieldsOf(this.schema.getType(typeName));
      this.fields.set(typeName, fields);
    }
    return fields;
  }

  /**
   * The schema with the given input types replaced, for variable definitions only, by scalars of the
   * same name whose parseValue keeps the already coerced value. Everything else is the real schema
   * (through the prototype): field arguments keep their real types, so literals coerce as usual.
   */
  private passThroughSchema(typeNames: string[]): GraphQLSchema {
    const key = [...new Set(typeNames)].sort().join(',');
    let wrapped = this.passThrough.get(key);
    if (!wrapped) {
      const replaced = new Map(key.split(',').map((name) => [name, new GraphQLScalarType({ name, parseValue: (v) => v })]));
      const real = this.schema;
      wrapped = Object.create(real, {
        getType: { value: (name: string) => replaced.get(name) ?? real.getType(name) },
      }) as GraphQLSchema;
      this.passThrough.set(key, wrapped);
    }
    return wrapped;
  }
}

function flatFieldsOf(type: unknown): FlatField[] | null {
  if (!isInputObjectType(type) || (type as GraphQLInputObjectType & { isOneOf?: boolean }).isOneOf) return null;
  const out: FlatField[] = [];
  for (const field of Object.values(type.getFields())) {
    const nonNull = isNonNullType(field.type);
    const inner: unknown = isNonNullType(field.type) ? field.type.ofType : field.type;
    if (!isLeafType(inner)) return null;
    out.push({ name: field.name, type: inner, nonNull, defaultValue: field.defaultValue });
  }
  return out;
}

/** graphql-js's coerceInputValue for a flat input object, or undefined where it would report an error. */
function coerceObject(value: unknown, fields: readonly FlatField[]): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const input = value as Record<string, unknown>;
  // graphql-js refuses own keys the type does not define (for..in allocates nothing, unlike Object.keys).
  for (const key in input) if (!fields.some((f) => f.name === key) && Object.hasOwn(input, key)) return undefined;
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const fieldValue = input[field.name];
    if (fieldValue === undefined) {
      if (field.defaultValue !== undefined) out[field.name] = field.defaultValue;
      else if (field.nonNull) return undefined;
      continue;
    }
    if (fieldValue === null) {
      if (field.nonNull) return undefined;
      out[field.name] = null;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = field.type.parseValue(fieldValue);
    } catch {
      return undefined;
    }
    if (parsed === undefined) return undefined;
    out[field.name] = parsed;
  }
  return out;
}

function flatShape(type: TypeNode): FlatShape | undefined {
  const nonNull = type.kind === Kind.NON_NULL_TYPE;
  const outer = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
  if (outer.kind === Kind.NAMED_TYPE) return { typeName: outer.name.value, nonNull, list: false, itemNonNull: false };
  const item = outer.type;
  if (item.kind === Kind.NAMED_TYPE) return { typeName: item.name.value, nonNull, list: true, itemNonNull: false };
  if (item.kind === Kind.NON_NULL_TYPE && item.type.kind === Kind.NAMED_TYPE) {
    return { typeName: item.type.name.value, nonNull, list: true, itemNonNull: true };
  }
  return undefined; // lists of lists: not flat
}

function findOperation(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name) return operations.find((o) => o.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

/** __schema and __type could look the replaced types up by name: such operations take the usual path. */
function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
