import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SyncRun } from '@m365/contracts';
import { bindingOf, SecretBox } from '../../common/crypto/secret-box.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { GraphGateway, type GraphSession } from '../../common/graph/graph-gateway.js';
import { AppTokenProvider, type AppToken } from '../../common/identity/app-token.provider.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../db/transactions.js';
import { AutomaticLicensingService } from '../licensing/automatic-licensing.service.js';
import type { OrganizationRow } from '../organizations/organization.repository.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UsersService } from '../users/users.service.js';
import { toIngestUser, type GraphUser, type IngestUser } from './graph-user.util.js';
import { BATCH_SIZE, MailboxLookups } from './mailbox-lookup.js';
import { isResyncRequired } from './sync-failure.util.js';
import { realSleep, SyncGraph, type Sleep, type SyncCounters } from './sync-graph.js';
import { Phases, RunTally } from './sync-run-tally.js';
import { TenantUserRepository, type RunCounts } from './tenant-user.repository.js';
import { followDelta, latestDeltaLink, listUsers, type PageSink } from './user-listing.js';

export const DELTA_LINK_COLUMN = 'delta_link_enc';
export const SLEEP = Symbol('SYNC_SLEEP');
const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;
/**
 * $batch requests of mailbox lookups in flight beside the listing's own requests. Each asks 20 different
 * mailboxes and Outlook's concurrency limit is 4 requests per mailbox, so this is bounded by latency, not
 * by that limit: with 4 in flight a 100,000-user first sync waited 1.5 s for lookups after its listing.
 */
const LOOKUP_PARALLEL = 16;

export interface SyncStats extends SyncCounters, RunCounts {
  kind: SyncRun['kind'];
  trigger: SyncRun['trigger'];
}

export interface SyncSummary {
  usersFound: number;
  usersLicensed: number;
  eligibleUnlicensed: number;
}

/** A user of a page as the sync writes it: its row, or its id alone when Graph says it was removed. */
type PageItem = IngestUser | string;

export type SyncOutcome =
  /** `summary` only for the onboarding's first sync, which reports it. */
  | { ok: true; stats: SyncStats; summary?: SyncSummary; deltaLink: string }
  | { ok: false; stats: SyncStats; error: unknown };

/**
 * One user sync of one organization, start to end: delta from the stored link, or a full listing
 * (first time, or after Microsoft dropped the delta state), then mailbox lookups and automatic
 * licensing. It reports an outcome and never throws; recording it is the caller's business.
 */
@Injectable()
export class SyncRunner {
  private readonly logger = new Logger(SyncRunner.name);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly users: TenantUserRepository,
    private readonly licensing: AutomaticLicensingService,
    private readonly gateway: GraphGateway,
    private readonly tokens: AppTokenProvider,
    private readonly transactions: Transactions,
    private readonly views: UsersService,
    @Inject(SecretBox) private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SLEEP) private readonly sleep: Sleep = realSleep,
  ) {}

  async execute(organizationId: string, trigger: SyncRun['trigger'], seenAt: Date): Promise<SyncOutcome> {
    const organization = this.organizations.byId(organizationId);
    const storedLink = organization?.deltaLinkEnc ? this.openDeltaLink(organization) : null;
    const stats: SyncStats = { kind: storedLink ? 'delta' : 'full', trigger, requests: 0, pages: 0, throttleWaits: 0, throttleWaitMs: 0, added: 0, changed: 0, removed: 0 };
    let graph: SyncGraph | undefined;
    let lookups: MailboxLookups | undefined;
    const tally = new RunTally();
    try {
      if (!organization) throw new DomainError('ORGANIZATION_NOT_FOUND', `Organization ${organizationId} was not found.`);
      graph = new SyncGraph(await this.session(organization), this.sleep);
      lookups = new MailboxLookups(graph, LOOKUP_PARALLEL, async (facts) => {
        tally.recordChanged(await this.users.saveMailboxFacts(organization.id, facts, seenAt));
        this.views.changed(organization.id);
      });
      const sink = this.sink(organization, seenAt, lookups, tally);
      const phases = new Phases();
      let deltaLink: string;
      if (storedLink) {
        try {
          deltaLink = await phases.time('delta', () => followDelta(graph!, storedLink, sink));
        } catch (error) {
          if (!isResyncRequired(error)) throw error;
          Object.assign(stats, { kind: 'full', trigger: 'resync' });
          tally.stop();
          deltaLink = await this.fullSync(graph, organization, sink, seenAt, phases);
        }
      } else {
        tally.stop();
        deltaLink = await this.fullSync(graph, organization, sink, seenAt, phases);
      }
      await phases.time('mailbox lookups left', () => this.lookupMailboxes(lookups!, organization));
      const current = this.organizations.byId(organization.id);
      if (current?.licenseMode === 'automatic' && current.status !== 'disconnected') {
        await phases.time('licensing', () => this.licensing.apply(current, 'automatic', 'system', tally.changedIds()));
      }
      // A delta run counts what its pages did; a full run reads the counts back, with the summary, in one pass over the organization.
      const counted = tally.counts();
      const totals = counted ? undefined : this.users.runTotals(organization.id, seenAt);
      Object.assign(stats, graph.counters, counted ?? totals!.counts);
      const summary = trigger === 'onboarding' ? (totals?.summary ?? this.users.summary(organization.id)) : undefined;
      this.logger.log(`Organization ${organization.id}: ${stats.kind} sync (+${stats.added} ~${stats.changed} -${stats.removed}), ${stats.requests} requests; ${phases}`);
      return {
        ok: true,
        stats,
        deltaLink,
        summary: summary && { usersFound: summary.users, usersLicensed: summary.licensed, eligibleUnlicensed: summary.eligibleUnlicensed },
      };
    } catch (error) {
      await lookups?.abandon();
      if (graph) Object.assign(stats, graph.counters);
      if (organization) Object.assign(stats, tally.counts() ?? this.users.runCounts(organization.id, seenAt));
      return { ok: false, stats, error };
    }
  }

  sealDeltaLink(organizationId: string, link: string): string {
    return this.secrets.seal(link, bindingOf('organization', organizationId, DELTA_LINK_COLUMN));
  }

  /** A token taken before the delta, then the listing, then the delta from that token (changes made meanwhile). */
  private async fullSync(graph: SyncGraph, organization: OrganizationRow, sink: PageSink<PageItem>, seenAt: Date, phases: Phases): Promise<string> {
    const first = latestDeltaLink(graph);
    const options = { shardMinUsers: this.config.sync.shardMinUsers, shardConcurrency: this.config.sync.shardConcurrency, before: first };
    const listing = await phases.time('listing', () => listUsers(graph, sink, options));
    phases.note(`${listing.mode} listing of ${listing.total}`);
    let next: string;
    try {
      next = await phases.time('delta', async () => followDelta(graph, await first, sink));
    } catch (error) {
      if (!isResyncRequired(error)) throw error;
      throw new DomainError('SYNC_DELTA_TOKEN_EXPIRED', 'Microsoft dropped the delta state again during a full listing; the next sync lists every user again.');
    }
    this.transactions.run(() => {
      const removed = this.users.removeUnseen(organization.id, seenAt);
      this.licensing.releaseDeleted(organization, removed.filter((user) => user.licensed), seenAt);
    });
    this.views.changed(organization.id);
    return next;
  }

  /**
   * One transaction per page. A full listing's pages go to the bulk writer (the run's counts are read
   * back afterwards); pages of a delta, few and counted user by user, are written here with their
   * `@removed` users marked deleted and their seats released.
   */
  private sink(organization: OrganizationRow, seenAt: Date, lookups: MailboxLookups, tally: RunTally): PageSink<PageItem> {
    return {
      convert: (users: GraphUser[]) => users.map((user): PageItem => (user['@removed'] ? user.id : toIngestUser(user))),
      // Not async: what waits for the writer must not hold the page's users (see PageSink.write).
      write: (items) => {
        const present: IngestUser[] = [];
        const removedIds: string[] = [];
        for (const item of items) {
          if (typeof item === 'string') removedIds.push(item);
          else present.push(item);
        }
        const pending = !tally.counting && removedIds.length === 0
          ? this.users.upsertListed(organization, present, seenAt)
          : this.writeChanges(organization, present, removedIds, seenAt, tally);
        return pending.then((ids) => {
          this.views.changed(organization.id);
          lookups.add(ids);
        });
      },
    };
  }

  /** A delta's page (or a counted run's) on the server's connection, at once: users upserted, `@removed` ones marked deleted, their seats released. */
  private async writeChanges(organization: OrganizationRow, present: IngestUser[], removedIds: string[], seenAt: Date, tally: RunTally): Promise<string[]> {
    return this.transactions.run(() => {
      const upserted = this.users.upsert(organization, present, seenAt);
      const removed = this.users.remove(organization.id, removedIds, seenAt);
      this.licensing.releaseDeleted(organization, removed.filter((user) => user.licensed), seenAt);
      tally.record(upserted, removed);
      return upserted.pending;
    });
  }

  /** What the pages left for later (asked while the listing went on), then anyone still unknown from earlier runs. */
  private async lookupMailboxes(lookups: MailboxLookups, organization: OrganizationRow): Promise<void> {
    await lookups.drain();
    for (let after = ''; ; ) {
      const ids = this.users.pendingMailboxLookups(organization.id, after, BATCH_SIZE * LOOKUP_PARALLEL * 4);
      if (ids.length === 0) return;
      lookups.add(ids);
      await lookups.drain();
      after = ids.at(-1)!;
    }
  }

  /** The token is taken up front, so a rejected credential fails the run as such before any Graph call. */
  private async session(organization: OrganizationRow): Promise<GraphSession> {
    const credential = this.organizations.appCredential(organization);
    let token: AppToken = await this.tokens.acquire(credential);
    return this.gateway.session(async () => {
      if (token.expiresAt.getTime() - Date.now() < TOKEN_REFRESH_MARGIN_MS) token = await this.tokens.acquire(credential);
      return token.accessToken;
    });
  }

  private openDeltaLink(organization: OrganizationRow): string | null {
    try {
      return this.secrets.open(organization.deltaLinkEnc!, bindingOf('organization', organization.id, DELTA_LINK_COLUMN));
    } catch {
      return null;
    }
  }
}
