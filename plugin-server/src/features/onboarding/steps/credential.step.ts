import { Inject, Injectable } from '@nestjs/common';
import { bindingOf, SecretBox } from '../../../common/crypto/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { OrganizationsService } from '../../organizations/organizations.service.js';
import { generateCertificate } from '../certificate.js';
import { done, type OnboardingStepHandler, type StepContext, type StepResult } from './step.js';

export const ONBOARDING_CERTIFICATE_KEY_COLUMN = 'certificate_key_enc';

interface KeyCredential {
  keyId: string;
}

/**
 * Generates the certificate once (saved before it is registered), then registers it by its keyId.
 * The PATCH replaces the application's key credentials, so a reused application keeps only ours.
 */
@Injectable()
export class CredentialStep implements OnboardingStepHandler {
  readonly step = 'credential' as const;
  readonly expectReplication = true;

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly secrets: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(context: StepContext): Promise<StepResult> {
    let row = context.onboarding;
    if (!row.certificateKeyId) {
      const certificate = await generateCertificate(row.settings.applicationName, this.config.microsoft.certificateValidityMonths);
      row = context.save({
        certificateKeyId: certificate.keyId,
        certificatePem: certificate.certificatePem,
        certificateThumbprint: certificate.thumbprintSha256,
        certificateExpiresAt: certificate.expiresAt,
        certificateKeyEnc: this.secrets.seal(certificate.privateKeyPem, bindingOf('onboarding', row.id, ONBOARDING_CERTIFICATE_KEY_COLUMN)),
      });
    }
    const graph = await context.delegatedGraph();
    const application = `/applications/${row.applicationObjectId}`;
    const { keyCredentials } = await graph.get<{ keyCredentials: KeyCredential[] }>(`${application}?$select=id,keyCredentials`);
    if (!keyCredentials.some((credential) => credential.keyId === row.certificateKeyId)) {
      await graph.patch(application, {
        keyCredentials: [
          {
            keyId: row.certificateKeyId,
            type: 'AsymmetricX509Cert',
            usage: 'Verify',
            key: derOf(row.certificatePem!),
            displayName: `CN=${row.settings.applicationName}`,
            endDateTime: row.certificateExpiresAt!.toISOString(),
          },
        ],
      });
    }
    const privateKeyPem = this.secrets.open(row.certificateKeyEnc!, bindingOf('onboarding', row.id, ONBOARDING_CERTIFICATE_KEY_COLUMN));
    this.organizations.update(row.organizationId, {
      certificateKeyId: row.certificateKeyId,
      certificatePem: row.certificatePem,
      certificateThumbprint: row.certificateThumbprint,
      certificateExpiresAt: row.certificateExpiresAt,
      certificateKeyEnc: this.organizations.sealCertificateKey(row.organizationId, privateKeyPem),
    });
    context.save({ certificateRegistered: true });
    return done(`Certificate ${row.certificateThumbprint!.slice(0, 16)}… registered, valid until ${row.certificateExpiresAt!.toISOString().slice(0, 10)}.`);
  }
}

function derOf(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}
