import { Module } from '@nestjs/common';
import { OnboardingModule } from '../onboarding/onboarding.module.js';
import { ShareLinkRepository } from './share-link.repository.js';
import { ShareController } from './share.controller.js';
import { ShareService } from './share.service.js';

@Module({
  imports: [OnboardingModule],
  controllers: [ShareController],
  providers: [ShareLinkRepository, ShareService],
})
export class ShareModule {}
