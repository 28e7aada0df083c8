import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  Lexer,
  type GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  type OperationDefinitionNode,
  Source,
  TokenKind,
  type SelectionSetNode,
  type TypeNode,
  type VariableDefinitionNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import { StoreError, invalid } from '../db/errors.js';

/**
 * What one GraphQL operation may ask for, checked on the operation's real values before it runs.
 *
 * The cost model: every list item the operation would produce is a row (a run in a page is one, each
 * of its params another). A list field declares its size beside its definition (`sized` below): from
 * its arguments (`first`, `maxPoints`, the length of `runIds`), from a size its parent passes down (a
 * connection's `first` sizes its `edges`), or, for lists no argument bounds (a run's params, tags,
 * latest metrics, children), a typical size. The estimate multiplies sizes along each path and sums
 * every list; arguments are read with graphql-js's own coercion (variables with their defaults,
 * literals, fragments, @skip and @include), so the estimate sees the values execution will run with.
 * What the estimate cannot know (a run that really has 100,000 params) the execution budget
 * (schema/budget.ts) counts as the rows arrive.
 *
 * Why hand-written: libraries such as graphql-query-complexity add costs per field and would need a
 * custom estimator on every field to express "a connection's first sizes its edges" and "maxPoints
 * sizes the points of each of runIds series"; the walk itself is the small part, and it uses
 * graphql-js's value coercion rather than re-implementing it.
 */
export const OPERATION_LIMITS = {
  /** Tokens of the document, checked before graphql-js parses it. */
  tokens: 50_000,
  /** Brackets, braces and parentheses open at once: graphql-js's parser recurses on each. */
  nesting: 32,
  depth: 12,
  aliases: 30,
  rootFields: 20,
  /** Estimated and, at execution, counted rows; bench/responsiveness measures what this costs. */
  rows: 200_000,
  /**
   * The same per event of a subscription: events are resolved on the event loop (they read the run or
   * experiment fresh, in order), as often as writes come, so each must stay small.
   */
  eventRows: 20_000,
  /** Assumed size of a list that no argument bounds, for the estimate only. */
  typicalListSize: 25,
};

export type FieldArgs = Record<string, unknown>;

/** How a field contributes to the estimate; set through Pothos `extensions: sized(...)`. */
export interface FieldCost {
  /** A list field's length: a number, a function of its arguments, or 'inherited' from its parent's `childItems`. */
  items?: number | ((args: FieldArgs) => number) | 'inherited';
  /**
   * The length this field gives the list directly below it (a connection's edges, a series' points):
   * the field reads that many items, so they count here, selected or not, and the list adds nothing.
   */
  childItems?: (args: FieldArgs) => number;
}

/** Field extensions that declare a field's cost, e.g. `extensions: sized({ items: (a) => a.runIds.length })`. */
export const sized = (cost: FieldCost) => ({ cost });

/** For lists without a size argument: the execution budget counts their real length. */
export const UNBOUNDED = sized({ items: OPERATION_LIMITS.typicalListSize });
/** A connection's `first` sizes its edges. */
export const PAGED = sized({ childItems: (args) => numberOr(args.first, 0) });
/** A connection's edges, a series' points: sized by the field above them. */
export const INHERITED = sized({ items: 'inherited' });

const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/**
 * Checks a document's size before graphql-js parses it: its parser recurses once per open bracket, so
 * a document nested a few thousand deep overflows the stack before any depth rule could run. This walk
 * uses graphql-js's own lexer (iterative) and stops at the first token over a limit. A lexical error is
 * left to the parser, which reports it with its usual message.
 */
export function checkDocumentSource(text: string): void {
  const lexer = new Lexer(new Source(text));
  let tokens = 0;
  let open = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > OPERATION_LIMITS.tokens) {
        throw invalid(`query: at most ${OPERATION_LIMITS.tokens} tokens are allowed; use variables for long inputs`, 'query');
      }
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) {
        if (++open > OPERATION_LIMITS.nesting) {
          throw invalid(`query: brackets may be nested at most ${OPERATION_LIMITS.nesting} deep (at line ${token.line}, column ${token.column})`, 'query');
        }
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) {
        open--;
      }
    }
  } catch (error) {
    if (error instanceof StoreError) throw error;
  }
}

export interface OperationCost {
  rows: number;
  depth: number;
  aliases: number;
  rootFields: number;
}

/**
 * Refuses, before anything runs, an operation that is too deep, has too many aliases or root fields,
 * or whose estimated rows exceed the limit (the GraphQL batching DoS MLflow had, CVE-2025-0453).
 * Variables or arguments that do not coerce are left to graphql-js, which refuses them itself.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): OperationCost | undefined {
  const cost = estimateOperation(schema, document, operationName, variables);
  if (!cost) return undefined;
  const limits = OPERATION_LIMITS;
  const isSubscription = getOperationAST(document, operationName)?.operation === 'subscription';
  const maxRows = isSubscription ? limits.eventRows : limits.rows;
  if (cost.rootFields > limits.rootFields) {
    throw invalid(`operation: at most ${limits.rootFields} root fields are allowed, got ${cost.rootFields}`, 'query');
  }
  if (cost.aliases > limits.aliases) throw invalid(`operation: at most ${limits.aliases} aliases are allowed, got ${cost.aliases}`, 'query');
  if (cost.depth > limits.depth) throw invalid(`operation: the maximum depth is ${limits.depth}, got ${cost.depth}`, 'query');
  if (cost.rows > maxRows) {
    throw invalid(
      `operation: too costly, an estimated ${cost.rows} rows${isSubscription ? ' per event' : ''} (the limit is ${maxRows}); ask for smaller pages, fewer points or fewer runs`,
      'query',
    );
  }
  return cost;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  cost: OperationCost;
}

export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): OperationCost | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined; // graphql-js reports a missing or ambiguous operation itself
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const coerced = coerceSizeVariables(schema, operation, variables ?? {});
  if (!coerced) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const walk: Walk = { schema, fragments, variables: coerced, cost: { rows: 0, depth: 0, aliases: 0, rootFields: 0 } };
  walk.cost.rootFields = collectFields(walk, operation.selectionSet, new Set()).length;
  visit(walk, root, operation.selectionSet, 1, undefined, 1);
  return walk.cost;
}

/**
 * graphql-js's coercion of the variables a size can depend on: scalars, enums and lists of them, with
 * their defaults. Input-object variables (logBatch's 1,000 MetricInputs) never size a list, and coercing
 * them here would double the ingest path's cost; graphql-js coerces them at execution as usual.
 */
function coerceSizeVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  raw: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const definitions = (operation.variableDefinitions ?? []).filter((d) => !namesInputObject(schema, d));
  const result = getVariableValues(schema, definitions, raw, { maxErrors: 1 });
  return result.errors ? undefined : result.coerced;
}

function namesInputObject(schema: GraphQLSchema, definition: VariableDefinitionNode): boolean {
  let type: TypeNode = definition.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return isInputObjectType(schema.getType(type.name.value));
}

/** The fields a selection set really selects: fragments flattened, @skip / @include applied. */
function collectFields(walk: Walk, set: SelectionSetNode, visited: Set<string>): FieldNode[] {
  const out: FieldNode[] = [];
  for (const selection of set.selections) {
    if (!included(walk, selection)) continue;
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

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
  } catch {
    return true; // a directive argument that does not coerce: validation refuses it; count the field
  }
}

/** Adds the rows of a selection set (its fields at level `depth`) on `multiplicity` objects of `type` to the walk's cost. */
function visit(walk: Walk, type: GraphQLNamedType, set: SelectionSetNode, multiplicity: number, inherited: number | undefined, depth: number) {
  walk.cost.depth = Math.max(walk.cost.depth, depth);
  if (!isObjectType(type) && !isInterfaceType(type)) return;
  const fields = type.getFields();
  for (const node of collectFields(walk, set, new Set())) {
    if (node.alias) walk.cost.aliases++;
    const field = fields[node.name.value];
    // Introspection (__schema, __type, __typename) is bounded by the schema's own size.
    if (!field) continue;
    let args: FieldArgs;
    try {
      args = getArgumentValues(field, node, walk.variables);
    } catch {
      continue; // graphql-js refuses this argument at execution; the field produces nothing
    }
    const cost = (field.extensions as { cost?: FieldCost } | undefined)?.cost;
    const isList = isListType(getNullableType(field.type));
    const items = isList ? listItems(cost, args, inherited) : 1;
    // An inherited list was paid for by the field that sized it.
    if (isList && cost?.items !== 'inherited') walk.cost.rows += multiplicity * items;
    // A field that sizes the list below it reads those items whether or not the list is selected.
    const childItems = cost?.childItems ? Math.max(0, cost.childItems(args)) : undefined;
    if (childItems !== undefined) walk.cost.rows += multiplicity * items * childItems;
    if (node.selectionSet) visit(walk, getNamedType(field.type), node.selectionSet, multiplicity * items, childItems, depth + 1);
  }
}

function listItems(cost: FieldCost | undefined, args: FieldArgs, inherited: number | undefined): number {
  const items = cost?.items;
  if (items === 'inherited') return inherited ?? OPERATION_LIMITS.typicalListSize;
  if (typeof items === 'function') return Math.max(0, items(args));
  return items ?? OPERATION_LIMITS.typicalListSize;
}
