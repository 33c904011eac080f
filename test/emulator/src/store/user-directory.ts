import type { DirectoryUser } from './types.js';
import type { UserGenerator } from './user-generator.js';

export type Deletion = 'soft' | 'hard';

export interface UserEntry {
  position: number;
  user: DirectoryUser;
}

/**
 * The users of one tenant as an ordered list of positions: explicit seed users, then generated users
 * (materialised only when changed), then users added at run time. Every change appends to a log with a
 * sequence number; delta tokens are positions in that log.
 */
export class UserDirectory {
  private readonly materialised: DirectoryUser[];
  private readonly added: DirectoryUser[] = [];
  private readonly overrides = new Map<number, DirectoryUser>();
  private readonly deletions = new Map<number, Deletion>();
  private readonly byId = new Map<string, number>();
  private readonly byUpn = new Map<string, number>();
  private readonly changeLog: Array<{ seq: number; position: number }> = [];
  private sequence = 0;
  /** Live positions by lower-case UPN prefix, valid for one change sequence (what Entra's UPN index does for startswith). */
  private prefixIndex: { seq: number; lowerUpns: Array<string | undefined>; positions: Map<string, Int32Array> } | null = null;

  constructor(explicit: DirectoryUser[], private readonly generator: UserGenerator | null) {
    this.materialised = explicit;
    explicit.forEach((user, position) => this.index(user, position));
  }

  private get generatedCount(): number {
    return this.generator?.count ?? 0;
  }

  /** Number of positions, deleted ones included. */
  get size(): number {
    return this.materialised.length + this.generatedCount + this.added.length;
  }

  /** Users not deleted. */
  get liveCount(): number {
    return this.size - this.deletions.size;
  }

  get seq(): number {
    return this.sequence;
  }

  private index(user: DirectoryUser, position: number): void {
    this.byId.set(user.id.toLowerCase(), position);
    this.byUpn.set(user.userPrincipalName.toLowerCase(), position);
  }

  /** The stored state at a position, deleted or not. */
  raw(position: number): DirectoryUser | undefined {
    const override = this.overrides.get(position);
    if (override) return override;
    const explicitCount = this.materialised.length;
    if (position < explicitCount) return this.materialised[position];
    const generated = position - explicitCount;
    if (generated < this.generatedCount) return this.generator!.user(generated);
    return this.added[generated - this.generatedCount];
  }

  /** The live user at a position; undefined once deleted. */
  at(position: number): DirectoryUser | undefined {
    return this.deletions.has(position) ? undefined : this.raw(position);
  }

  /** The live user's UPN without building the user (cheap prefilter for UPN-sharded listings). */
  upnAt(position: number): string | undefined {
    if (this.deletions.has(position)) return undefined;
    const generated = position - this.materialised.length;
    if (!this.overrides.has(position) && generated >= 0 && generated < this.generatedCount) return this.generator!.upnOf(generated);
    return this.raw(position)?.userPrincipalName;
  }

  /** Live positions whose UPN starts with `lowerPrefix`, ascending. */
  positionsWithUpnPrefix(lowerPrefix: string): Int32Array {
    if (this.prefixIndex?.seq !== this.sequence) {
      const lowerUpns = Array.from({ length: this.size }, (_, position) => this.upnAt(position)?.toLowerCase());
      this.prefixIndex = { seq: this.sequence, lowerUpns, positions: new Map() };
    }
    const { lowerUpns, positions } = this.prefixIndex;
    let found = positions.get(lowerPrefix);
    if (!found) {
      const matches: number[] = [];
      lowerUpns.forEach((upn, position) => {
        if (upn?.startsWith(lowerPrefix)) matches.push(position);
      });
      found = Int32Array.from(matches);
      positions.set(lowerPrefix, found);
    }
    return found;
  }

  deletion(position: number): Deletion | undefined {
    return this.deletions.get(position);
  }

  private generatedPositionOfId(id: string): number | undefined {
    const index = this.generator?.indexOfId(id);
    return index === undefined ? undefined : this.materialised.length + index;
  }

  private positionOf(key: string): number | undefined {
    const lower = key.toLowerCase();
    const known = this.byId.get(lower) ?? this.byUpn.get(lower);
    if (known !== undefined) return known;
    const byGeneratedId = this.generatedPositionOfId(lower);
    if (byGeneratedId !== undefined) return byGeneratedId;
    if (!lower.includes('@') || !this.generator) return undefined;
    const index = this.generator.indexOfUpn(lower);
    return index === undefined ? undefined : this.materialised.length + index;
  }

  /** Finds a user by object id or UPN, checking that the key still matches (UPNs can change). */
  find(key: string, includeDeleted = false): UserEntry | undefined {
    const position = this.positionOf(key);
    if (position === undefined) return undefined;
    const user = includeDeleted ? this.raw(position) : this.at(position);
    if (!user) return undefined;
    const lower = key.toLowerCase();
    if (user.id.toLowerCase() !== lower && user.userPrincipalName.toLowerCase() !== lower) return undefined;
    return { position, user };
  }

  private record(position: number): void {
    this.sequence += 1;
    this.changeLog.push({ seq: this.sequence, position });
  }

  add(user: DirectoryUser): UserEntry {
    const position = this.size;
    this.added.push(user);
    this.index(user, position);
    this.record(position);
    return { position, user };
  }

  replace(position: number, user: DirectoryUser): void {
    this.overrides.set(position, user);
    this.index(user, position);
    this.record(position);
  }

  remove(position: number, deletion: Deletion): void {
    this.deletions.set(position, deletion);
    this.record(position);
  }

  restore(position: number): void {
    this.deletions.delete(position);
    this.record(position);
  }

  /** Positions changed after `sinceSeq` up to `untilSeq`, each once, in order of their last change. */
  changedSince(sinceSeq: number, untilSeq: number): number[] {
    let lo = 0;
    let hi = this.changeLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changeLog[mid]!.seq <= sinceSeq) lo = mid + 1;
      else hi = mid;
    }
    const last = new Map<number, number>();
    for (let i = lo; i < this.changeLog.length && this.changeLog[i]!.seq <= untilSeq; i++) {
      const change = this.changeLog[i]!;
      last.delete(change.position);
      last.set(change.position, change.seq);
    }
    return [...last.keys()];
  }

  *entries(): Generator<UserEntry> {
    const size = this.size;
    for (let position = 0; position < size; position++) {
      const user = this.at(position);
      if (user) yield { position, user };
    }
  }
}
