import { expect } from '@open-wc/testing';
import { createFormatters } from './format.js';

describe('createFormatters', () => {
  it("formats numbers and dates in the host's locale", () => {
    const de = createFormatters('de-DE');
    const us = createFormatters('en-US');
    expect(de.number(100000)).to.equal('100.000');
    expect(us.number(100000)).to.equal('100,000');
    const iso = '2026-03-02T10:00:00.000Z';
    expect(de.dateTime(iso)).to.equal(
      new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    );
    expect(de.dateTime(null)).to.equal('');
  });

  it('formats elapsed time as a clock', () => {
    const f = createFormatters('en-US');
    expect(f.clock(0)).to.equal('0:00');
    expect(f.clock(65_400)).to.equal('1:05');
    expect(f.clock(3_725_000)).to.equal('1:02:05');
    expect(f.clock(-5)).to.equal('0:00');
  });

  it('names sync intervals in the largest whole unit', () => {
    const f = createFormatters('en-US');
    expect(f.minutes(15)).to.equal('15 minutes');
    expect(f.minutes(60)).to.equal('1 hour');
    expect(f.minutes(720)).to.equal('12 hours');
    expect(f.minutes(1440)).to.equal('1 day');
  });

  it("picks plural forms by the locale's rules", () => {
    const forms = { one: '{n} user', other: '{n} users' };
    expect(createFormatters('en-US').plural(1, forms)).to.equal('1 user');
    expect(createFormatters('en-US').plural(1200, forms)).to.equal('1,200 users');
    expect(createFormatters('de-DE').plural(0, forms)).to.equal('0 users');
    expect(createFormatters('ja-JP').plural(1, { other: '{n} 人' })).to.equal('1 人');
  });

  it('says how long ago something happened', () => {
    const f = createFormatters('en-US');
    const now = Date.parse('2026-03-02T10:00:00.000Z');
    expect(f.relative('2026-03-02T09:55:00.000Z', now)).to.equal('5 minutes ago');
    expect(f.relative('2026-03-03T10:00:00.000Z', now)).to.equal('tomorrow');
  });
});
