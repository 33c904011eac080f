import type { LicenseChange, LicenseChangeResult, OrganizationUser } from '@m365/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allUsers, connect, setSeatPool, syncNow } from '../sync/sync-support.js';
import { startStack, type Stack } from '../support/stack.js';

const TENANT = 'contoso.com';
const POOL = 10;

/** Automatic mode's candidates in its deterministic order: first seen, then UPN, then id. */
function automaticOrder(users: OrganizationUser[]): OrganizationUser[] {
  return users
    .filter((user) => user.eligible && (user.accountEnabled || user.isSharedMailbox))
    .sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || cmp(a.userPrincipalName, b.userPrincipalName) || cmp(a.id, b.id));
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const upn = (name: string) => `${name}@${TENANT}`;

describe('/api/v1/organizations/:id/licenses', () => {
  let stack: Stack;
  let organizationId: string;
  const byUpn = async (name: string) => (await allUsers(stack, organizationId)).find((user) => user.userPrincipalName === upn(name))!;
  const seats = async () => {
    const response = await stack.api.licensing.getSeats();
    if (response.status !== 200) throw new Error(`getSeats answered ${response.status}`);
    return response.body;
  };
  const assign = (body: Parameters<Stack['api']['licensing']['assignLicenses']>[0]['body']) =>
    stack.api.licensing.assignLicenses({ params: { organizationId }, body });
  const unassign = (body: Parameters<Stack['api']['licensing']['unassignLicenses']>[0]['body']) =>
    stack.api.licensing.unassignLicenses({ params: { organizationId }, body });
  const settings = (licenseMode: 'automatic' | 'manual') =>
    stack.api.organizations.updateOrganizationSettings({ params: { organizationId }, body: { licenseMode } });

  beforeAll(async () => {
    stack = await startStack();
    await setSeatPool(stack, POOL);
    organizationId = await connect(stack, TENANT, { licenseMode: 'automatic' });
  }, 120_000);
  afterAll(() => stack?.close());

  it('should license automatically in a deterministic order until the pool runs out, and say why the others wait', async () => {
    const users = await allUsers(stack, organizationId);
    const order = automaticOrder(users);
    expect(order.length).toBeGreaterThan(POOL);
    expect(users.filter((user) => user.licensed).map((user) => user.id).sort()).toEqual(order.slice(0, POOL).map((user) => user.id).sort());
    for (const user of order.slice(POOL)) expect(user.unlicensedReason).toBe('no_seats_left');
    const reasonOf = (name: string) => users.find((user) => user.userPrincipalName.startsWith(name))!.unlicensedReason;
    expect(reasonOf('former.employee@')).toBe('disabled');
    expect(reasonOf('jane.doe_')).toBe('guest');
    expect(reasonOf('intern@')).toBe('no_mailbox_or_onedrive');
    expect(reasonOf('boardroom@')).toBe('disabled');
    expect(await seats()).toMatchObject({ total: POOL, used: POOL, available: 0, organizations: [{ organizationId, customerName: 'Contoso', used: POOL }] });
  });

  it('should license shared mailboxes and enabled users once seats are added, and no disabled ordinary user', async () => {
    await setSeatPool(stack, 1000);
    await syncNow(stack, organizationId);
    const users = await allUsers(stack, organizationId);
    expect(users.filter((user) => user.licensed).map((user) => user.id).sort()).toEqual(automaticOrder(users).map((user) => user.id).sort());
    expect(users.filter((user) => user.isSharedMailbox).every((user) => user.licensed)).toBe(true);
    expect((await byUpn('former.employee')).licensed).toBe(false);
  });

  it('should keep the seat of a user disabled later, and release the seat of a user deleted in the tenant', async () => {
    const used = (await seats()).used;
    stack.emulator.control.disableUser(TENANT, upn('user'));
    stack.emulator.control.deleteUser(TENANT, upn('helpdesk'));
    const run = await syncNow(stack, organizationId);
    expect(run).toMatchObject({ kind: 'delta', status: 'succeeded', usersChanged: 1, usersRemoved: 1 });
    expect(await byUpn('user')).toMatchObject({ accountEnabled: false, licensed: true });
    expect((await seats()).used).toBe(used - 1);
    const changes = await stack.api.licensing.listLicenseChanges({ params: { organizationId }, query: { limit: 1 } });
    expect(changes.status === 200 && changes.body.items[0]).toMatchObject({ userPrincipalName: upn('helpdesk'), action: 'unassigned', reason: 'user_deleted', actor: 'system' });
  });

  it('should refuse technicians in automatic mode, and keep every assignment when switching to manual', async () => {
    const intern = await byUpn('intern');
    const refused = await assign({ userIds: [intern.id] });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'LICENSE_MODE_AUTOMATIC' });
    const licensed = (await allUsers(stack, organizationId)).filter((user) => user.licensed).map((user) => user.id);
    expect((await settings('manual')).status).toBe(200);
    const after = await allUsers(stack, organizationId);
    expect(after.filter((user) => user.licensed).map((user) => user.id)).toEqual(licensed);
    expect((await byUpn('former.employee')).unlicensedReason).toBe('manual_mode');
  });

  it('should change single users in manual mode with clear codes', async () => {
    const users = await allUsers(stack, organizationId);
    const guest = users.find((user) => user.userType === 'guest')!;
    const intern = users.find((user) => user.userPrincipalName === upn('intern'))!;
    const former = users.find((user) => user.userPrincipalName === upn('former.employee'))!;
    const admin = users.find((user) => user.userPrincipalName === upn('admin'))!;

    expect((await assign({ userIds: [guest.id] })).body).toMatchObject({ code: 'LICENSE_USER_NOT_ELIGIBLE' });
    expect((await assign({ userIds: [intern.id] })).status).toBe(422);
    expect((await assign({ userIds: ['00000000-0000-4000-8000-000000000000'] })).status).toBe(404);

    await setSeatPool(stack, (await seats()).used);
    const exhausted = await assign({ userIds: [former.id] });
    expect(exhausted.status).toBe(409);
    expect(exhausted.body).toMatchObject({ code: 'LICENSE_SEATS_EXHAUSTED' });

    const released = await unassign({ userIds: [admin.id] });
    expect(released.status === 200 && released.body).toMatchObject({ changed: 1, unchanged: 0, rejected: [], seats: { available: 1 } });
    const granted = await assign({ userIds: [former.id] });
    expect(granted.status === 200 && granted.body).toMatchObject({ changed: 1, rejected: [], seats: { available: 0 } });
    expect(await byUpn('former.employee')).toMatchObject({ licensed: true, accountEnabled: false });
  });

  it('should change users in bulk by filter, spending a short pool in the deterministic order', async () => {
    const before = await allUsers(stack, organizationId);
    const waiting = before.filter((user) => user.eligible && !user.licensed);
    expect(waiting.length).toBeGreaterThan(1);
    await setSeatPool(stack, (await seats()).used + 1);
    const result = await assign({ filter: { eligible: true, licensed: false } });
    expect(result.status).toBe(200);
    if (result.status !== 200) return;
    expect(result.body).toMatchObject({ changed: 1, unchanged: 0, rejectedTotal: waiting.length - 1, seats: { available: 0 } });
    expect(result.body.rejected.every((rejection: LicenseChangeResult['rejected'][number]) => rejection.code === 'LICENSE_SEATS_EXHAUSTED')).toBe(true);
    const first = [...waiting].sort((a, b) => a.firstSeenAt.localeCompare(b.firstSeenAt) || cmp(a.userPrincipalName, b.userPrincipalName))[0]!;
    expect((await allUsers(stack, organizationId)).find((user) => user.id === first.id)!.licensed).toBe(true);

    const guests = await unassign({ filter: { userType: 'guest' } });
    expect(guests.status === 200 && guests.body).toMatchObject({ changed: 0, unchanged: 2, rejected: [] });
    const mixed = await assign({ userIds: [before.find((user) => user.userType === 'guest')!.id, 'no-such-user'] });
    expect(mixed.status === 200 && mixed.body.rejected.map((rejection: LicenseChangeResult['rejected'][number]) => rejection.code).sort()).toEqual(['LICENSE_USER_NOT_ELIGIBLE', 'USER_NOT_FOUND']);
  });

  it('should license every eligible user on a switch from manual to automatic, recorded as a mode switch', async () => {
    await setSeatPool(stack, 1000);
    const released = automaticOrder(await allUsers(stack, organizationId)).slice(0, 3).map((user) => user.id);
    expect((await unassign({ userIds: released })).body).toMatchObject({ changed: 3 });
    expect((await settings('automatic')).status).toBe(200);
    const users = await allUsers(stack, organizationId);
    expect(automaticOrder(users).every((user) => user.licensed)).toBe(true);
    expect((await byUpn('boardroom')).licensed).toBe(false);
    const changes = await stack.api.licensing.listLicenseChanges({ params: { organizationId }, query: { limit: 500 } });
    expect(changes.status).toBe(200);
    if (changes.status !== 200) return;
    const switched = changes.body.items.filter((change: LicenseChange) => change.reason === 'mode_switch');
    expect(switched.map((change: LicenseChange) => change.userId).sort()).toEqual([...released].sort());
    expect(switched.every((change: LicenseChange) => change.action === 'assigned' && change.actor === 'tech-dev')).toBe(true);
    const page = await stack.api.licensing.listLicenseChanges({ params: { organizationId }, query: { limit: 2 } });
    expect(page.status === 200 && page.body).toMatchObject({ total: changes.body.total, items: changes.body.items.slice(0, 2) });
  });
});
