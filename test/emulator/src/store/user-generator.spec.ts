import { describe, expect, it } from 'vitest';
import { UserDirectory } from './user-directory.js';
import { UserGenerator } from './user-generator.js';

describe(UserGenerator.name, () => {
  const generator = new UserGenerator(123_456, 40_000, 'example.com', 'example.onmicrosoft.com');

  it('is deterministic, unique, and invertible by id and by UPN', () => {
    const again = new UserGenerator(123_456, 40_000, 'example.com', 'example.onmicrosoft.com');
    const ids = new Set<string>();
    const upns = new Set<string>();
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    let malformed = 0;
    for (let i = 0; i < 40_000; i++) {
      const user = generator.user(i);
      if (!guid.test(user.id)) malformed++;
      ids.add(user.id);
      upns.add(user.userPrincipalName);
      if (i % 997 === 0) {
        expect(again.user(i)).toEqual(user);
        expect(generator.upnOf(i)).toBe(user.userPrincipalName);
        expect(generator.indexOfId(user.id)).toBe(i);
        expect(generator.indexOfUpn(user.userPrincipalName.toUpperCase())).toBe(i);
      }
    }
    expect(malformed).toBe(0);
    expect(ids.size).toBe(40_000);
    expect(upns.size).toBe(40_000);
    expect(generator.indexOfId('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('mixes licensed, unlicensed, disabled, guest and shared accounts consistently with their plans', () => {
    const users = Array.from({ length: 2000 }, (_, i) => generator.user(i));
    const share = (predicate: (u: (typeof users)[number]) => boolean) => users.filter(predicate).length / users.length;

    expect(share((u) => u.licenses.some((l) => l.sku === 'SPE_E3'))).toBeGreaterThan(0.6);
    expect(share((u) => u.userType === 'Guest')).toBeGreaterThan(0.02);
    expect(share((u) => u.mailboxPurpose === 'shared')).toBeGreaterThan(0.01);
    expect(users.filter((u) => u.mailboxPurpose === 'shared').every((u) => !u.accountEnabled && u.licenses.length === 0)).toBe(true);
    expect(users.filter((u) => u.userType === 'Guest').every((u) => u.mailboxPurpose === null && u.userPrincipalName.includes('#EXT#@example.onmicrosoft.com'))).toBe(true);
    expect(users.filter((u) => u.licenses.length === 0 && u.userType === 'Member' && u.mailboxPurpose === null).every((u) => u.mail === null && !u.oneDriveProvisioned)).toBe(true);
  });

  it('answers upnAt like at(), also after a change and a delete', () => {
    const directory = new UserDirectory([], new UserGenerator(9, 100, 'example.com', 'example.onmicrosoft.com'));
    const original = directory.at(5)!;
    directory.replace(5, { ...original, userPrincipalName: 'renamed@example.com' });
    directory.remove(6, 'soft');

    expect(directory.upnAt(4)).toBe(directory.at(4)!.userPrincipalName);
    expect(directory.upnAt(5)).toBe('renamed@example.com');
    expect(directory.upnAt(6)).toBeUndefined();
    expect(directory.find(original.userPrincipalName)).toBeUndefined();
    expect(directory.find('renamed@example.com')?.position).toBe(5);
    expect(directory.changedSince(0, directory.seq)).toEqual([5, 6]);
  });
});
