import type { OrganizationUser } from '@m365/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { allUsers, connect, expectedFromEmulator, recordGraphRequests, stored, syncNow, syncRuns } from './sync-support.js';

const TENANT = 'fabrikam.com';

describe('user sync of Fabrikam (5,000 users) against the emulator', () => {
  let stack: Stack;
  let organizationId: string;

  const emulatorUser = (id: string) => stack.emulator.control.getUser(TENANT, id);
  const liveCount = () => stack.emulator.control.tenants().find((tenant: { domains: string[] }) => tenant.domains.includes(TENANT))!.userCount;

  /** Every stored user against the emulator's copy, and the same number of users on both sides. */
  async function expectExactCopy(): Promise<OrganizationUser[]> {
    const users = await allUsers(stack, organizationId);
    expect(users).toHaveLength(liveCount());
    expect(new Set(users.map((user) => user.id)).size).toBe(users.length);
    for (const user of users) expect(stored(user)).toEqual(expectedFromEmulator(emulatorUser(user.id)));
    return users;
  }

  beforeAll(async () => {
    // Sharded from 1,000 users, so this 5,000-user tenant is listed in parallel shards.
    stack = await startStack({ env: { SYNC_SHARD_MIN_USERS: '1000', DEFAULT_SEAT_POOL: '100000' } });
    organizationId = await connect(stack, TENANT, { licenseMode: 'manual' });
  }, 120_000);
  afterAll(() => stack?.close());

  it('should store exactly the users of the tenant after the full sharded sync', async () => {
    const users = await expectExactCopy();
    expect(users.length).toBe(5_000);
    const [run] = await syncRuns(stack, organizationId);
    expect(run).toMatchObject({ kind: 'full', trigger: 'onboarding', status: 'succeeded', usersAdded: 5_000, usersRemoved: 0, error: null });
    // 36 shards (a-z, 0-9) answer at least one page each: the listing was sharded, not sequential.
    expect(run!.pages).toBeGreaterThanOrEqual(36);
    expect(users.filter((user) => user.isSharedMailbox).length).toBeGreaterThan(0);
    expect(users.filter((user) => user.userType === 'guest' && (user.hasMailbox || user.hasOneDrive))).toEqual([]);
  });

  it('should apply exactly the changes made in the tenant with a delta sync', async () => {
    const control = stack.emulator.control;
    const before = new Map((await allUsers(stack, organizationId)).map((user) => [user.id, user]));
    const members = [...before.values()].filter((user) => user.userType === 'member' && user.accountEnabled && user.hasMailbox);
    const [renamed, disabled, unlicensed, softDeleted, hardDeleted] = members.slice(10, 15).map((user) => user.id);
    const added = control.addUser(TENANT, { userPrincipalName: 'delta.new', displayName: 'Delta New', licenses: ['SPE_E3'] });
    const shared = control.addUser(TENANT, { userPrincipalName: 'delta.shared', displayName: 'Delta Shared', mailbox: 'shared', accountEnabled: false });
    control.updateUser(TENANT, renamed!, { displayName: 'Renamed In Tenant' });
    control.disableUser(TENANT, disabled!);
    control.updateUser(TENANT, unlicensed!, { licenses: [] });
    control.deleteUser(TENANT, softDeleted!);
    control.deleteUser(TENANT, hardDeleted!, { permanent: true });

    const run = await syncNow(stack, organizationId);
    expect(run).toMatchObject({ kind: 'delta', trigger: 'manual', status: 'succeeded', usersAdded: 2, usersChanged: 3, usersRemoved: 2, error: null });
    // Changes cost requests in proportion: one delta page here, plus one $batch for the two accounts without an Exchange plan.
    expect(run.pages).toBe(1);
    expect(run.requests).toBe(2);

    const after = await expectExactCopy();
    const byId = new Map(after.map((user) => [user.id, user]));
    expect(byId.get(added.id)).toMatchObject({ userPrincipalName: 'delta.new@fabrikam.com', hasMailbox: true, hasOneDrive: true });
    expect(byId.get(shared.id)).toMatchObject({ isSharedMailbox: true, hasMailbox: true, accountEnabled: false, eligible: true });
    expect(byId.get(renamed!)!.displayName).toBe('Renamed In Tenant');
    expect(byId.get(disabled!)!.accountEnabled).toBe(false);
    expect(byId.get(unlicensed!)).toMatchObject({ hasMailbox: false, hasOneDrive: false, eligible: false });
    const gone = new Map((await allUsers(stack, organizationId, true)).map((user) => [user.id, user]));
    expect([...gone.keys()].sort()).toEqual([softDeleted!, hardDeleted!].sort());
    expect(gone.get(softDeleted!)).toMatchObject({ deletedInTenant: true, unlicensedReason: 'deleted' });

    const untouched = [...before.values()].filter((user) => ![renamed, disabled, unlicensed, softDeleted, hardDeleted].includes(user.id));
    for (const user of untouched) expect(byId.get(user.id)).toEqual(user);
  });

  it('should run exactly one full resync when Microsoft expired the delta token, then go back to delta', async () => {
    const requests = recordGraphRequests(stack.emulator.url);
    try {
      stack.emulator.control.expireDeltaTokens(TENANT);
      const resync = await syncNow(stack, organizationId);
      expect(resync).toMatchObject({ kind: 'full', trigger: 'resync', status: 'succeeded', usersAdded: 0, usersRemoved: 0, error: null });
      const latest = requests.log.filter((request) => request.url.includes('deltatoken=latest'));
      expect(latest).toHaveLength(1);
      expect(requests.log.filter((request) => request.status === 410)).toHaveLength(1);
      await expectExactCopy();

      const next = await syncNow(stack, organizationId);
      expect(next).toMatchObject({ kind: 'delta', trigger: 'manual', status: 'succeeded', usersAdded: 0, usersChanged: 0, usersRemoved: 0, requests: 1 });
      expect((await syncRuns(stack, organizationId)).filter((run) => run.trigger === 'resync')).toHaveLength(1);
    } finally {
      requests.restore();
    }
  });
});
