import { unsupportedQuery } from './errors.js';

/** How a property may be filtered: `standard` operators work alone, others need an advanced query [doc 5.3]. */
export interface FilterProperty<T> {
  get: (item: T) => string | boolean | null;
  standard: ReadonlyArray<'eq' | 'startswith' | 'in'>;
}

export type FilterSchema<T> = Record<string, FilterProperty<T>>;

export interface CompiledFilter<T> {
  test: (item: T) => boolean;
  /** Uses ne, not(), endswith or an operator outside a property's standard set. */
  advanced: boolean;
  /** Schema properties the expression reads. */
  properties: string[];
  /** Set when the whole expression is one `startswith(property, 'value')`: a listing can then read a prefix index. */
  prefix?: { property: string; value: string };
}

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let value = '';
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") { value += "'"; i += 2; continue; }
        if (text[i] === "'") break;
        value += text[i++];
      }
      if (text[i] !== "'") throw unsupportedQuery('Invalid filter clause: unterminated string literal.');
      i++;
      tokens.push({ kind: 'string', value });
      continue;
    }
    if ('(),'.includes(c)) { tokens.push({ kind: 'punct', value: c }); i++; continue; }
    const word = /^[A-Za-z0-9_.\-/$]+/.exec(text.slice(i));
    if (!word) throw unsupportedQuery(`Invalid filter clause: unexpected '${c}'.`);
    tokens.push({ kind: /^-?\d+(\.\d+)?$/.test(word[0]) ? 'number' : 'ident', value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

type Literal = string | boolean | null | number;

/** Recursive-descent parser for the $filter subset the emulator answers. */
class Parser<T> {
  private pos = 0;
  advanced = false;
  readonly used = new Set<string>();
  comparisons = 0;
  negated = false;
  startsWith?: { property: string; value: string };

  constructor(private readonly tokens: Token[], private readonly schema: FilterSchema<T>) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private keyword(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'ident' && t.value.toLowerCase() === word) { this.pos++; return true; }
    return false;
  }

  private expect(value: string): void {
    const t = this.tokens[this.pos++];
    if (t?.value !== value) throw unsupportedQuery(`Invalid filter clause: expected '${value}'.`);
  }

  parse(): (item: T) => boolean {
    const expr = this.or();
    if (this.pos !== this.tokens.length) throw unsupportedQuery('Invalid filter clause.');
    return expr;
  }

  private or(): (item: T) => boolean {
    let left = this.and();
    while (this.keyword('or')) { const l = left, r = this.and(); left = (x) => l(x) || r(x); }
    return left;
  }

  private and(): (item: T) => boolean {
    let left = this.unary();
    while (this.keyword('and')) { const l = left, r = this.unary(); left = (x) => l(x) && r(x); }
    return left;
  }

  private unary(): (item: T) => boolean {
    if (this.keyword('not')) {
      this.advanced = true;
      this.negated = true;
      const inner = this.unary();
      return (x) => !inner(x);
    }
    if (this.peek()?.value === '(') {
      this.pos++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private keyOf(name: string | undefined): string | undefined {
    return Object.keys(this.schema).find((k) => k.toLowerCase() === name?.toLowerCase());
  }

  private property(name: string | undefined): FilterProperty<T> {
    const key = this.keyOf(name);
    if (!key) throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${name}'.`);
    this.used.add(key);
    return this.schema[key]!;
  }

  private literal(): Literal {
    const t = this.tokens[this.pos++];
    if (!t) throw unsupportedQuery('Invalid filter clause: missing value.');
    if (t.kind === 'string') return t.value;
    if (t.kind === 'number') return Number(t.value);
    const lower = t.value.toLowerCase();
    if (lower === 'true' || lower === 'false') return lower === 'true';
    if (lower === 'null') return null;
    throw unsupportedQuery(`Invalid filter clause: unexpected '${t.value}'.`);
  }

  private comparison(): (item: T) => boolean {
    const head = this.tokens[this.pos++];
    const fn = head?.value.toLowerCase();
    this.comparisons += 1;
    if (fn === 'startswith' || fn === 'endswith') {
      this.expect('(');
      const name = this.tokens[this.pos++]?.value;
      const prop = this.property(name);
      this.expect(',');
      const value = this.literal();
      this.expect(')');
      if (typeof value !== 'string') throw unsupportedQuery();
      if (fn === 'endswith' || !prop.standard.includes('startswith')) this.advanced = true;
      const needle = value.toLowerCase();
      if (fn === 'startswith') this.startsWith = { property: this.keyOf(name)!, value: needle };
      return fn === 'startswith'
        ? (x) => { const v = prop.get(x); return typeof v === 'string' && v.toLowerCase().startsWith(needle); }
        : (x) => { const v = prop.get(x); return typeof v === 'string' && v.toLowerCase().endsWith(needle); };
    }
    const prop = this.property(head?.value);
    const op = this.tokens[this.pos++]?.value.toLowerCase();
    if (op === 'in') {
      this.expect('(');
      const values: Literal[] = [this.literal()];
      while (this.peek()?.value === ',') { this.pos++; values.push(this.literal()); }
      this.expect(')');
      if (!prop.standard.includes('in')) this.advanced = true;
      const set = new Set(values.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
      return (x) => { const v = prop.get(x); return set.has(typeof v === 'string' ? v.toLowerCase() : v); };
    }
    if (!['eq', 'ne', 'ge', 'le', 'gt', 'lt'].includes(op ?? '')) throw unsupportedQuery(`Invalid filter clause: unknown operator '${op}'.`);
    const value = this.literal();
    if (op !== 'eq' || value === null || !prop.standard.includes('eq')) this.advanced = true;
    const expected = typeof value === 'string' ? value.toLowerCase() : value;
    const compare = (x: T): number => {
      const v = prop.get(x);
      const actual = typeof v === 'string' ? v.toLowerCase() : v;
      if (actual === expected) return 0;
      if (actual === null || expected === null) return NaN;
      return actual < expected ? -1 : 1;
    };
    switch (op) {
      case 'eq': return (x) => compare(x) === 0;
      case 'ne': return (x) => compare(x) !== 0;
      case 'ge': return (x) => compare(x) >= 0;
      case 'le': return (x) => compare(x) <= 0;
      case 'gt': return (x) => compare(x) > 0;
      default: return (x) => compare(x) < 0;
    }
  }
}

export function compileFilter<T>(text: string, schema: FilterSchema<T>): CompiledFilter<T> {
  const parser = new Parser(tokenize(text), schema);
  const test = parser.parse();
  const single = parser.comparisons === 1 && !parser.negated ? parser.startsWith : undefined;
  return { test, advanced: parser.advanced, properties: [...parser.used], ...(single ? { prefix: single } : {}) };
}
