import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  valueFromASTUntyped,
} from 'graphql';
import { invalid } from '../db/errors.js';

/** design.md section 4: what one operation may ask for. */
export const OPERATION_LIMITS = {
  depth: 12,
  aliases: 30,
  rootFields: 20,
  /** estimated rows: list sizes multiplied along each path, summed over the innermost lists */
  cost: 1_000_000,
  /** assumed size of a list field with no size argument (params, tags, children, ...) */
  defaultListSize: 100,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  aliases: number;
  maxDepth: number;
}

/**
 * Refuses, before anything runs, an operation that is too deep, has too many aliases or root fields,
 * or whose estimated row count is too large (the GraphQL batching DoS MLflow had, CVE-2025-0453).
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): void {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return; // graphql-js reports a missing operation itself
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const root = schema.getRootType(operation.operation);
  if (!root) return;
  const walk: Walk = { schema, fragments, variables: variables ?? {}, aliases: 0, maxDepth: 0 };
  const rootFields = collectFields(walk, operation.selectionSet, new Set());
  if (rootFields.length > OPERATION_LIMITS.rootFields) {
    throw invalid(`operation: at most ${OPERATION_LIMITS.rootFields} root fields are allowed, got ${rootFields.length}`, 'query');
  }
  const cost = costOf(walk, root, operation.selectionSet, 1, undefined, 1);
  if (walk.aliases > OPERATION_LIMITS.aliases) {
    throw invalid(`operation: at most ${OPERATION_LIMITS.aliases} aliases are allowed, got ${walk.aliases}`, 'query');
  }
  if (walk.maxDepth > OPERATION_LIMITS.depth) {
    throw invalid(`operation: the maximum depth is ${OPERATION_LIMITS.depth}, got ${walk.maxDepth}`, 'query');
  }
  if (cost > OPERATION_LIMITS.cost) {
    throw invalid(
      `operation: too costly, an estimated ${cost} rows (the limit is ${OPERATION_LIMITS.cost}); ask for smaller pages or fewer points`,
      'query',
    );
  }
}

/** Flattens fragments and inline fragments into the fields they select. */
function collectFields(walk: Walk, set: SelectionSetNode, visited: Set<string>): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) out.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) out.push(...collectFields(walk, selection.selectionSet, visited));
    else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment) out.push(...collectFields(walk, fragment.selectionSet, visited));
    }
  }
  return out;
}

/** Rows of the innermost lists under this selection set, given `rows` objects of `type`. */
function costOf(
  walk: Walk,
  type: GraphQLNamedType,
  set: SelectionSetNode,
  rows: number,
  inner: number | undefined,
  depth: number,
): number {
  walk.maxDepth = Math.max(walk.maxDepth, depth);
  if (!isObjectType(type) && !isInterfaceType(type)) return 0;
  const fields = type.getFields();
  let cost = 0;
  for (const node of collectFields(walk, set, new Set())) {
    if (node.alias) walk.aliases++;
    const field = fields[node.name.value];
    if (!field || !node.selectionSet) continue;
    const { own, next } = sizes(walk, field, node, inner);
    const childRows = rows * own;
    const below = costOf(walk, getNamedType(field.type), node.selectionSet, childRows, next, depth + 1);
    // Only the innermost lists count: an outer list's rows are already in its children's products.
    cost += below > 0 ? below : isListType(getNullableType(field.type)) ? childRows : 0;
  }
  return cost;
}

/** A field's own list size, and the size its list child inherits (connection edges, series points). */
function sizes(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode, inner: number | undefined) {
  const arg = (name: string) => argValue(walk, field, node, name);
  const isList = isListType(getNullableType(field.type));
  const first = arg('first');
  const maxPoints = arg('maxPoints');
  if (typeof first === 'number') return { own: isList ? first : 1, next: isList ? undefined : first };
  if (typeof maxPoints === 'number') {
    const runs = arg('runIds');
    return { own: isList ? (Array.isArray(runs) ? runs.length : OPERATION_LIMITS.defaultListSize) : 1, next: maxPoints };
  }
  return { own: isList ? (inner ?? OPERATION_LIMITS.defaultListSize) : 1, next: undefined };
}

function argValue(walk: Walk, field: GraphQLField<unknown, unknown>, node: FieldNode, name: string): unknown {
  const given = node.arguments?.find((a) => a.name.value === name);
  if (given) return valueOf(given.value, walk.variables);
  return field.args.find((a) => a.name === name)?.defaultValue;
}

function valueOf(value: ValueNode, variables: Record<string, unknown>): unknown {
  return valueFromASTUntyped(value, variables);
}
