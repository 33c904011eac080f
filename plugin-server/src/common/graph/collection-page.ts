/**
 * Reads a Graph collection page (`{"@odata.nextLink": ..., "value": [...]}`) from the bytes of its body.
 *
 * `JSON.parse` of the whole body gives the same result, but V8 allocates the objects of any JSON text of
 * 100 KiB or more straight in the old generation (its JSON parser's pretenure threshold), where only a
 * full collection frees them. A 999-user page is about 900 KB, so a 100,000-user listing grew the heap
 * by over 100 MB of dead pages before V8 collected them (test/bench/RESULTS.md). Here `value` is parsed a
 * few dozen elements at a time, each piece well under that threshold, so a page dies young. The scanner
 * only finds where values end; `JSON.parse` of the pieces still validates every byte.
 */

/** Bytes of `value` elements parsed at once: well under V8's 100 KiB pretenure threshold. */
export const CHUNK_BYTES = 48 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export class InvalidPageError extends SyntaxError {
  constructor(reason: string, offset: number) {
    super(`${reason} at byte ${offset}`);
    this.name = 'InvalidPageError';
  }
}

/** Turns a parsed run of `value` elements into what the caller keeps, while the page is still being read. */
export type ItemMapper = (items: unknown[]) => unknown[];

/**
 * `map` gets each run of elements as soon as it is parsed, so that a caller keeping less than Graph's objects
 * (the user sync keeps a row per user) holds one run of them at a time instead of a whole page.
 */
export function parseCollectionPage(body: Uint8Array, chunkBytes = CHUNK_BYTES, map?: ItemMapper): Record<string, unknown> {
  return new PageReader(body, chunkBytes, map).read();
}

class PageReader {
  private readonly bytes: Buffer;
  private at = 0;

  constructor(body: Uint8Array, private readonly chunkBytes: number, private readonly map?: ItemMapper) {
    this.bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    // A UTF-8 byte order mark is dropped, as fetch's json() does.
    if (this.bytes[0] === 0xef && this.bytes[1] === 0xbb && this.bytes[2] === 0xbf) this.at = 3;
  }

  read(): Record<string, unknown> {
    this.skipSpace();
    // Not an object: nothing to split, and JSON.parse says what is wrong with it.
    if (this.bytes[this.at] !== OPEN_BRACE) return JSON.parse(this.text(this.at, this.bytes.length)) as Record<string, unknown>;
    const members: [string, unknown][] = [];
    this.at += 1;
    this.skipSpace();
    if (this.bytes[this.at] === CLOSE_BRACE) this.at += 1;
    else {
      for (;;) {
        if (this.bytes[this.at] !== QUOTE) throw new InvalidPageError('expected a member name', this.at);
        const nameEnd = this.stringEnd(this.at);
        const name = JSON.parse(this.text(this.at, nameEnd)) as string;
        this.at = nameEnd;
        this.skipSpace();
        this.expect(COLON, "expected ':'");
        this.skipSpace();
        members.push([name, name === 'value' && this.bytes[this.at] === OPEN_BRACKET ? this.readArray() : this.readValue()]);
        this.skipSpace();
        if (this.bytes[this.at] === CLOSE_BRACE) {
          this.at += 1;
          break;
        }
        this.expect(COMMA, "expected ',' or '}'");
        this.skipSpace();
      }
    }
    this.skipSpace();
    if (this.at !== this.bytes.length) throw new InvalidPageError('unexpected data after the page', this.at);
    // fromEntries defines own properties: a member named "__proto__" stays data, as with JSON.parse.
    return Object.fromEntries(members);
  }

  /** The elements of an array, parsed a chunk at a time. */
  private readArray(): unknown[] {
    const items: unknown[] = [];
    this.at += 1;
    this.skipSpace();
    if (this.bytes[this.at] === CLOSE_BRACKET) {
      this.at += 1;
      return items;
    }
    for (;;) {
      const start = this.at;
      let end: number;
      for (;;) {
        end = this.valueEnd(this.at);
        this.at = end;
        this.skipSpace();
        const next = this.bytes[this.at];
        if (next === CLOSE_BRACKET || (next === COMMA && end - start >= this.chunkBytes)) break;
        if (next !== COMMA) throw new InvalidPageError("expected ',' or ']'", this.at);
        this.at += 1;
        this.skipSpace();
      }
      const parsed = JSON.parse(`[${this.text(start, end)}]`) as unknown[];
      for (const item of this.map ? this.map(parsed) : parsed) items.push(item);
      if (this.bytes[this.at] === CLOSE_BRACKET) {
        this.at += 1;
        return items;
      }
      this.at += 1;
      this.skipSpace();
    }
  }

  private readValue(): unknown {
    const end = this.valueEnd(this.at);
    const value: unknown = JSON.parse(this.text(this.at, end));
    this.at = end;
    return value;
  }

  /** Where the value starting at `start` ends (exclusive); brackets are only counted, JSON.parse checks them. */
  private valueEnd(start: number): number {
    const { bytes } = this;
    const first = bytes[start];
    if (first === QUOTE) return this.stringEnd(start);
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      let at = start;
      while (at < bytes.length && !isDelimiter(bytes[at]!)) at += 1;
      if (at === start) throw new InvalidPageError('expected a value', start);
      return at;
    }
    let depth = 0;
    for (let at = start; at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) at = this.stringEnd(at) - 1;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return at + 1;
    }
    throw new InvalidPageError('unterminated value', start);
  }

  /** Where the string whose opening quote is at `start` ends (exclusive). A byte loop: Graph's strings are short. */
  private stringEnd(start: number): number {
    const { bytes } = this;
    for (let at = start + 1; at < bytes.length; at++) {
      const byte = bytes[at];
      if (byte === QUOTE) return at + 1;
      if (byte === BACKSLASH) at += 1;
    }
    throw new InvalidPageError('unterminated string', start);
  }

  private skipSpace(): void {
    while (isSpace(this.bytes[this.at])) this.at += 1;
  }

  private expect(byte: number, reason: string): void {
    if (this.bytes[this.at] !== byte) throw new InvalidPageError(reason, this.at);
    this.at += 1;
  }

  private text(start: number, end: number): string {
    return this.bytes.toString('utf8', start, end);
  }
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isDelimiter(byte: number): boolean {
  return byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte);
}
