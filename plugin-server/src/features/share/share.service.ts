import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ACTIVE_ONBOARDING_STATUSES, type SharedOnboarding, type ShareLink } from '@m365/contracts';
import { DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Principal } from '../auth/principal.js';
import { OnboardingService } from '../onboarding/onboarding.service.js';
import { toSharedOnboarding } from './shared-onboarding.mapper.js';
import { ShareLinkRepository } from './share-link.repository.js';

const TOKEN_BYTES = 32;

/**
 * Links for the customer's admin: 256 random bits in the URL fragment (kept out of server logs and
 * Referer headers), stored only as a SHA-256 hash, expiring after SHARE_LINK_TTL_HOURS.
 */
@Injectable()
export class ShareService {
  constructor(
    private readonly links: ShareLinkRepository,
    private readonly onboarding: OnboardingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  create(principal: Principal, onboardingId: string): ShareLink {
    const onboarding = this.onboarding.get(principal.partnerId, onboardingId);
    if (!(ACTIVE_ONBOARDING_STATUSES as readonly string[]).includes(onboarding.status)) {
      throw new DomainError('ONBOARDING_NOT_ACTIVE', 'This onboarding has ended; there is nothing left for the customer to do.', { onboardingId });
    }
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.share.ttlMs);
    this.links.insert({
      id: randomUUID(),
      tokenHash: hashOf(token),
      partnerId: principal.partnerId,
      onboardingId,
      createdBy: principal.technicianId,
      createdAt: now,
      expiresAt,
    });
    return { url: `${this.config.share.pageUrl}#${token}`, expiresAt: expiresAt.toISOString() };
  }

  /** Viewing the link keeps the code renewed, as the technician's panel does. */
  view(token: string, now = new Date()): SharedOnboarding {
    const link = this.links.byTokenHash(hashOf(token));
    if (!link) throw new DomainError('SHARE_LINK_NOT_FOUND', 'This link is not valid. Ask your IT provider for a new one.');
    if (link.expiresAt <= now) throw new DomainError('SHARE_LINK_EXPIRED', 'This link has expired. Ask your IT provider for a new one.');
    return toSharedOnboarding(this.onboarding.get(link.partnerId, link.onboardingId), link.expiresAt);
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
