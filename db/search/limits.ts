/**
 * What one search may ask of the database, refused up front with a message naming the limit rather
 * than failing inside SQLite (whose own limits answer "too many terms in compound SELECT", "Expression
 * tree is too large", "LIKE or GLOB pattern too complex" or "too many SQL variables"). Chosen well
 * inside those limits, on both dialects: SQLite joins at most 64 tables, nests expressions 1,000 deep,
 * takes LIKE patterns of 50,000 bytes and 32,766 bound parameters; Postgres binds 65,535.
 */
export const SEARCH_LIMITS = {
  /** comparisons joined by AND in one filter */
  comparisons: 100,
  /** characters of one quoted value (4 bytes a character in UTF-8 stays under SQLite's LIKE limit) */
  valueLength: 10_000,
  /** items of one IN list: each is a bound parameter */
  listItems: 10_000,
  /** different metric, param and tag keys one search filters or sorts on: each is a join */
  entityKeys: 40,
  /** order_by entries */
  orderKeys: 20,
  /** experiments one search covers: each id is a bound parameter */
  experimentIds: 10_000,
};
