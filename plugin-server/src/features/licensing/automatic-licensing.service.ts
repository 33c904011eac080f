import { Injectable } from '@nestjs/common';
import type { LicenseChange } from '@m365/contracts';
import { Transactions } from '../../db/transactions.js';
import { EventsService } from '../events/events.service.js';
import { UsersService } from '../users/users.service.js';
import { LicenseRepository, type ChangeContext, type SeatHolder } from './license.repository.js';
import { SeatsService } from './seats.service.js';

/** Licensing work is cut into transactions of this many users, so a large tenant never holds the database for long. */
const CHUNK = 2_000;

export interface LicensedOrganization {
  id: string;
  partnerId: string;
}

export interface AutomaticResult {
  licensed: number;
  released: number;
  waiting: number;
}

/**
 * Automatic mode: after each sync (and on a switch from manual), eligible users without a seat get one,
 * enabled users and shared mailboxes only, first seen first (then by UPN), until the pool runs out.
 * Users left waiting are marked, and the host hears about each of them once (seats.exhausted).
 */
@Injectable()
export class AutomaticLicensingService {
  constructor(
    private readonly licenses: LicenseRepository,
    private readonly seats: SeatsService,
    private readonly events: EventsService,
    private readonly transactions: Transactions,
    private readonly users: UsersService,
  ) {}

  /**
   * Between chunks it yields to the event loop, so syncs of other organizations keep moving.
   * `changedIds`: after a delta sync only those users can have stopped being eligible.
   */
  async apply(organization: LicensedOrganization, reason: LicenseChange['reason'], actor = 'system', changedIds?: string[]): Promise<AutomaticResult> {
    const steps = this.steps(organization, reason, actor, changedIds);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The same work without yielding, for a technician's mode switch answered in the same request. */
  applyNow(organization: LicensedOrganization, reason: LicenseChange['reason'], actor = 'system'): AutomaticResult {
    const steps = this.steps(organization, reason, actor);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * The host added seats: users of automatic organizations who were left waiting get theirs now, not at
   * their organization's next sync, first connected organization first. Returns how many were licensed.
   */
  async seatsAdded(partnerId: string, actor: string): Promise<number> {
    let licensed = 0;
    for (const organization of this.licenses.organizationsWaitingForSeats(partnerId)) {
      if (this.seats.available(partnerId) <= 0) break;
      licensed += (await this.apply(organization, 'automatic', actor)).licensed;
    }
    return licensed;
  }

  /** A user deleted in the tenant gives its seat back, whatever the mode; runs inside the caller's transaction. */
  releaseDeleted(organization: LicensedOrganization, users: SeatHolder[], at: Date): void {
    if (users.length === 0) return;
    this.licenses.release(this.context(organization, 'user_deleted', 'system', at), users);
    this.users.changed(organization.id);
  }

  private *steps(organization: LicensedOrganization, reason: LicenseChange['reason'], actor: string, changedIds?: string[]): Generator<void, AutomaticResult> {
    let released = 0;
    for (let start = 0; ; start += CHUNK) {
      const batch = changedIds
        ? this.licenses.licensedIneligible(organization.id, CHUNK, changedIds.slice(start, start + CHUNK))
        : this.licenses.licensedIneligible(organization.id, CHUNK);
      if (!changedIds && batch.length === 0) break;
      this.transactions.run(() => this.licenses.release(this.context(organization, 'not_eligible', actor), batch));
      this.users.changed(organization.id);
      released += batch.length;
      if (changedIds && start + CHUNK >= changedIds.length) break;
      yield;
    }
    let licensed = 0;
    let remaining: number | undefined;
    for (;;) {
      const granted = this.transactions.run(() => {
        const available = this.seats.available(organization.partnerId);
        if (available <= 0) return 0;
        remaining ??= this.licenses.countCandidates(organization.id);
        // When every candidate fits, the order cannot change who gets a seat: skip the sort.
        const batch = this.licenses.candidates(organization.id, Math.min(CHUNK, available), remaining > available);
        remaining -= batch.length;
        this.licenses.assign(this.context(organization, reason, actor), batch);
        return batch.length;
      });
      licensed += granted;
      this.users.changed(organization.id);
      if (granted < CHUNK) break;
      yield;
    }
    const waiting = this.transactions.run(() => {
      const newlyWaiting = this.licenses.markWaiting(organization.id);
      const usersWaiting = this.licenses.countCandidates(organization.id);
      if (newlyWaiting) {
        this.events.emit(organization.partnerId, 'seats.exhausted', { totalSeats: this.seats.usage(organization.partnerId).total, usersWaiting }, organization.id);
      }
      return usersWaiting;
    });
    return { licensed, released, waiting };
  }

  private context(organization: LicensedOrganization, reason: LicenseChange['reason'], actor: string, at = new Date()): ChangeContext {
    return { partnerId: organization.partnerId, organizationId: organization.id, reason, actor, at };
  }
}
