import { invalid } from '../errors.js';

/**
 * The lexical layer of MLflow's search syntax, shared by the filter (filter.ts), order_by (order.ts)
 * and logged-model (store/logged-model-filter.ts) parsers: tokens, a cursor over them, and errors
 * that name the input they are about.
 */

/** Which input the message is about: the prefix of every message and the StoreError's `field`. */
export interface ParseContext {
  readonly prefix: 'filter' | 'order_by';
  readonly field: string;
}


export function fail(ctx: ParseContext, message: string): never {
  throw invalid(`${ctx.prefix}: ${message}`, ctx.field);
}

export type TokenType = 'word' | 'number' | 'squote' | 'dquote' | 'backtick' | 'op' | '(' | ')' | ',';

export interface Token {
  readonly type: TokenType;
  /** The unquoted content for quoted tokens; the source text otherwise. */
  readonly value: string;
  /** The source text, quotes included: what error messages show. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

// A number is only a number when no name character follows it: `1abc` is a word (a key may start with a digit).
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![A-Za-z0-9_.])/y;
// Words are keywords, entities and unquoted keys; dots are part of a word so `metrics.train.loss` is one token.
const WORD = /[A-Za-z0-9_.]+/y;
const OPERATOR = /[=!<>]+/y;
const QUOTES: Record<string, TokenType> = { "'": 'squote', '"': 'dquote', '`': 'backtick' };

export function tokenize(text: string, ctx: ParseContext): Token[] {
  // Postgres cannot hold NUL in text and fails the whole query on one, so it never reaches SQL.
  if (text.includes('\u0000')) fail(ctx, 'NUL characters are not allowed');
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const token = readQuoted(text, i, ctx) ?? readPattern(text, i) ?? readPunctuation(text, i);
    if (!token) fail(ctx, `unexpected character '${ch}' at position ${i}`);
    tokens.push(token);
    i = token.end;
  }
  return tokens;
}

/** A quoted string; a doubled quote inside it stands for one quote character (SQL's convention). */
function readQuoted(text: string, start: number, ctx: ParseContext): Token | undefined {
  const quote = text[start] as string;
  const type = QUOTES[quote];
  if (!type) return undefined;
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) fail(ctx, `unterminated quoted string ${text.slice(start)}`);
    value += text.slice(i, close);
    if (text[close + 1] !== quote) {
      return { type, value, raw: text.slice(start, close + 1), start, end: close + 1 };
    }
    value += quote;
    i = close + 2;
  }
}

function readPattern(text: string, start: number): Token | undefined {
  for (const [type, pattern] of [
    ['number', NUMBER],
    ['word', WORD],
    ['op', OPERATOR],
  ] as const) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (match) return { type, value: match[0], raw: match[0], start, end: start + match[0].length };
  }
  return undefined;
}

function readPunctuation(text: string, start: number): Token | undefined {
  const ch = text[start];
  if (ch === '(' || ch === ')' || ch === ',') return { type: ch, value: ch, raw: ch, start, end: start + 1 };
  return undefined;
}

/** A cursor over the tokens. */
export class TokenStream {
  private pos = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly ctx: ParseContext,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.pos++];
  }
  get done(): boolean {
    return this.pos >= this.tokens.length;
  }
  /** The next token if it touches `previous` (no whitespace between): identifiers are written without spaces. */
  nextAdjacent(previous: Token): Token | undefined {
    const token = this.peek();
    if (token && token.start === previous.end) return this.next();
    return undefined;
  }
  fail(message: string): never {
    return fail(this.ctx, message);
  }
}

export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.type === 'word' && token.value.toUpperCase() === keyword;
}
