import { describe, expect, it, vi } from 'vitest';
import { InvalidPageError, parseCollectionPage } from './collection-page.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['"', '\\', '\\"', '\\\\', '{', '}', '[', ']', ',', ':', 'é', '日本', '😀', '\u2028', '\n', ' ', 'a'];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  if (pick === 0) return null;
  if (pick === 1) return next() < 0.5;
  if (pick === 2) return Math.round((next() - 0.5) * 1e6) / 100;
  if (pick <= 4) return Array.from({ length: Math.floor(next() * 6) }, () => NASTY[Math.floor(next() * NASTY.length)]).join('');
  if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, (_, index) => [`${NASTY[Math.floor(next() * NASTY.length)]}${index}`, value(next, depth + 1)]));
}

describe('parseCollectionPage', () => {
  it('should read the same page as JSON.parse, with nextLink before value and deltaLink after it', () => {
    const page = {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users',
      '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=abc',
      value: [
        { id: '1', displayName: 'Quote " and backslash \\', assignedPlans: [{ service: 'exchange', capabilityStatus: 'Enabled' }] },
        { id: '2', displayName: 'Brackets ] } [ { and , : inside', mail: null, accountEnabled: false },
        { id: '3', displayName: 'Ünïcödé 日本 😀', assignedPlans: [] },
      ],
      '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=xyz',
    };
    const text = JSON.stringify(page);
    for (const chunk of [1, 40, 1_000_000]) expect(parseCollectionPage(bytes(text), chunk)).toEqual(JSON.parse(text));
  });

  it("should give value's elements to map a run at a time as they are parsed, and keep what it returns", () => {
    const users = Array.from({ length: 40 }, (_, index) => ({ id: `u${index}`, displayName: `User ${index}`, assignedPlans: [{ service: 'exchange' }] }));
    const text = JSON.stringify({ '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=abc', value: users, '@odata.count': 40 });
    const runs: number[] = [];
    const page = parseCollectionPage(bytes(text), 200, (items) => {
      runs.push(items.length);
      return items.map((item) => (item as { id: string }).id);
    });
    expect(page).toEqual({ '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=abc', value: users.map((user) => user.id), '@odata.count': 40 });
    // Runs of about 200 bytes: each user's JSON is ~75 bytes, so several runs, every element in one of them.
    expect(runs.length).toBeGreaterThan(5);
    expect(runs.reduce((sum, length) => sum + length, 0)).toBe(40);
    expect(parseCollectionPage(bytes('{"value":[]}'), 200, () => ['never'])).toEqual({ value: [] });
  });

  it('should read whitespace, escapes, scalars and empty collections anywhere JSON allows them', () => {
    const texts = [
      '{}',
      ' { } ',
      '{"value":[]}',
      '{ "value" : [ ] , "@odata.count" : 0 }',
      '\uFEFF{"value":[1, -2.5e3 ,true,false,null,"\\u0041\\"",[],{}]}',
      '{\n  "value": [\n    {"a": "\\\\"},\n    {"b": "\\\\\\""}\n  ]\n}',
      '{"value":{"not":"an array"},"other":[1,2]}',
      '{"__proto__":{"polluted":true},"value":[{"__proto__":1}]}',
      '[1,2,3]',
      '"text"',
    ];
    for (const text of texts) {
      const parsed = parseCollectionPage(bytes(text), 2);
      expect(parsed).toEqual(JSON.parse(text.replace(/^\uFEFF/, '')));
    }
    expect(Object.getPrototypeOf(parseCollectionPage(bytes('{"__proto__":{"polluted":true}}')))).toBe(Object.prototype);
  });

  it('should agree with JSON.parse on 300 random pages at chunk sizes from 1 byte up', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const page = {
        '@odata.nextLink': `https://graph.microsoft.com/v1.0/users?$skiptoken=${seed}`,
        value: Array.from({ length: Math.floor(next() * 12) }, () => value(next, 0)),
        [`${NASTY[seed % NASTY.length]}key`]: value(next, 0),
      };
      const text = seed % 2 ? JSON.stringify(page) : JSON.stringify(page, null, seed % 4);
      const chunk = 1 + Math.floor(next() * 200);
      expect(parseCollectionPage(bytes(text), chunk), `seed ${seed}, chunk ${chunk}`).toEqual(JSON.parse(text));
    }
  });

  it('should parse a 999-user page in pieces no larger than the chunk size plus one user', () => {
    const user = { id: 'c1a1b1c1-0000-4000-8000-000000000000', userPrincipalName: 'someone@contoso.com', assignedPlans: Array(12).fill({ service: 'exchange', capabilityStatus: 'Enabled' }) };
    const text = JSON.stringify({ value: Array.from({ length: 999 }, (_, index) => ({ ...user, displayName: `User ${index}` })) });
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const page = parseCollectionPage(bytes(text), 48 * 1024);
      expect((page.value as unknown[]).length).toBe(999);
      const sizes = parse.mock.calls.map(([source]) => source.length);
      expect(Math.max(...sizes)).toBeLessThan(48 * 1024 + JSON.stringify(user).length + 100);
      expect(sizes.length).toBeGreaterThan(text.length / (64 * 1024));
    } finally {
      parse.mockRestore();
    }
  });

  it('should reject what JSON.parse rejects', () => {
    const broken = [
      '',
      '{',
      '{"value":[1 2]}',
      '{"value":[1,]}',
      '{"value":[{"a":1]]}',
      '{"value":[{"a":"unterminated}]}',
      '{"a" 1}',
      '{"a":1 "b":2}',
      '{"a":1}x',
      '{"value":[1],}',
      '{value:[]}',
    ];
    for (const text of broken) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
      expect(() => parseCollectionPage(bytes(text), 1), text).toThrow(SyntaxError);
    }
    expect(() => parseCollectionPage(bytes('{"a":1}x'))).toThrow(InvalidPageError);
  });
});
