import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import type { NextAction, OnboardingSettingsInput } from '@m365/contracts';
import { apiContext } from '../../api/api-context.js';
import { ApiError } from '../../api/api-error.js';
import { unwrap, type ApiClient } from '../../api/client.js';
import { define, emit } from '../../components/define.js';
import '../../components/m365-error-message.js';
import { AbortScope } from '../../controllers/abort-scope.js';
import { describeError } from '../../i18n/describe-error.js';
import { strings } from '../../i18n/strings.js';
import { shared } from '../../styles/shared.styles.js';
import { settingsErrors } from '../settings/m365-settings-fields.js';
import { panelStyles } from './add-organization.styles.js';
import './m365-add-organization-setup.js';
import './m365-onboarding-progress.js';
import './m365-sign-in-code.js';
import { OnboardingSession } from './onboarding-session.js';

const t = strings.add;
type Stage = 'setup' | 'signIn' | 'progress';

/**
 * @summary The guided Add organization panel: customer and Advanced configuration, the sign-in code
 * (or the pop-up sign-in), then live progress until the organization is connected.
 * @fires m365-panel-close - The panel closed (detail `{onboardingId, organizationId}`).
 * @fires m365-organization-open - Open organization was pressed after success.
 * @csspart panel - The dialog.
 */
export class M365AddOrganizationPanel extends LitElement {
  static override styles = [shared, panelStyles];

  /** Preselect (or restrict to) this customer. */
  @property() customerId = '';
  /** Resume this onboarding instead of starting a new one. */
  @property() onboardingId = '';

  @consume({ context: apiContext, subscribe: true }) @state() private api?: ApiClient;
  @state() private popupBusy = false;
  @state() private popupError = '';
  @state() private resuming = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  private readonly session = new OnboardingSession(this, () => this.api);

  private readonly customers = new Task(this, {
    args: () => [this.api] as const,
    task: async ([api], { signal }) =>
      api ? (await unwrap(api.customers.listCustomers({ query: { connectable: 'true' }, fetchOptions: { signal } }))).items : [],
  });

  private readonly devices = new Task(this, {
    args: () => [this.api] as const,
    task: async ([api], { signal }) =>
      api ? (await unwrap(api.devices.listDevices({ fetchOptions: { signal } }))).items : [],
  });

  private readonly scope = new AbortScope(this, () => [this.customers, this.devices]);

  protected override willUpdate(): void {
    if (!this.hasUpdated && this.onboardingId) this.resuming = true;
  }

  override firstUpdated(): void {
    this.dialog.showModal();
    const onboardingId = this.onboardingId;
    if (!onboardingId) return;
    // After this update, so the session's own state changes start a fresh one.
    void this.updateComplete
      .then(() => this.session.resume(onboardingId))
      .finally(() => (this.resuming = false));
  }

  /** Close the panel; the onboarding continues on the server and can be resumed from the list. */
  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private onClosed() {
    const onboarding = this.session.onboarding;
    emit(this, 'm365-panel-close', {
      onboardingId: onboarding?.id ?? null,
      organizationId: onboarding?.organizationId ?? null,
    });
  }

  private get stage(): Stage {
    const onboarding = this.session.onboarding;
    if (!onboarding) return 'setup';
    return onboarding.status === 'awaiting_sign_in' ? 'signIn' : 'progress';
  }

  private start(customerId: string, settings: OnboardingSettingsInput) {
    void this.session.start(customerId, settings);
  }

  private async popupSignIn() {
    const api = this.api;
    if (!api) return;
    this.popupBusy = true;
    this.popupError = '';
    let popup: typeof import('./popup-sign-in.js') | undefined;
    try {
      const [config, module] = await Promise.all([
        unwrap(api.onboarding.getSignInConfig({ fetchOptions: { signal: this.scope.signal } })),
        import('./popup-sign-in.js'),
      ]);
      popup = module;
      const accessToken = await module.signInWithPopup(config);
      await this.session.submitPopupToken(accessToken);
    } catch (error) {
      this.popupError = popup?.isPopupBlocked(error)
        ? strings.signIn.popupBlocked
        : strings.signIn.popupFailed(describeError(error));
    } finally {
      this.popupBusy = false;
    }
  }

  private onAction(action: NextAction) {
    switch (action) {
      case 'retry':
        return void this.session.retry();
      case 'new_code':
      case 'ask_global_admin':
        return void this.session.renewCode();
      case 'use_popup':
        return void this.popupSignIn();
      case 'confirm_tenant':
        return void this.session.confirmTenant();
      case 'choose_other_customer':
        this.session.reset();
        return void this.customers.run();
      case 'none':
        return this.close();
    }
  }

  private renderSetup() {
    return this.customers.render({
      pending: () => html`<p>${strings.loading}</p>`,
      error: (error) =>
        html`<m365-error-message .error=${error} @m365-retry=${() => this.customers.run()}></m365-error-message>`,
      complete: (customers) => html`<m365-add-organization-setup
        .customers=${customers}
        .devices=${this.devices.value ?? []}
        .customerId=${this.customerId}
        .busy=${this.session.busy}
        .errors=${settingsErrors(this.session.error)}
        @m365-onboarding-start=${(e: HTMLElementEventMap['m365-onboarding-start']) =>
          this.start(e.detail.customerId, e.detail.settings)}
      ></m365-add-organization-setup>`,
    });
  }

  private renderBody() {
    const onboarding = this.session.onboarding;
    switch (this.stage) {
      case 'setup':
        return this.resuming ? html`<p>${strings.loading}</p>` : this.renderSetup();
      case 'signIn':
        return html`<m365-sign-in-code
            .signIn=${onboarding?.signIn ?? null}
            .popupBusy=${this.popupBusy}
            .popupError=${this.popupError}
            @m365-code-renew=${() => this.session.renewCode()}
            @m365-popup-sign-in=${() => this.popupSignIn()}
          ></m365-sign-in-code>
          <button type="button" class="cancel" @click=${() => this.session.cancel()}>${t.cancelOnboarding}</button>`;
      case 'progress':
        // A failure can offer the pop-up sign-in; its state shows here as there is no code step.
        return html`${this.popupBusy ? html`<p role="status">${strings.signIn.popupWorking}</p>` : nothing}
          ${this.popupError ? html`<p class="error-text" role="alert">${this.popupError}</p>` : nothing}
          <m365-onboarding-progress
          .onboarding=${onboarding}
            @m365-onboarding-action=${(e: HTMLElementEventMap['m365-onboarding-action']) =>
              this.onAction(e.detail.action)}
          ></m365-onboarding-progress>`;
    }
  }

  private renderSteps() {
    const stages: Array<[Stage, string]> = [
      ['setup', t.steps.setup],
      ['signIn', t.steps.signIn],
      ['progress', t.steps.progress],
    ];
    return html`<ol class="steps" aria-label=${t.title}>
      ${stages.map(
        ([stage, label]) => html`<li aria-current=${stage === this.stage ? 'step' : 'false'}>${label}</li>`,
      )}
    </ol>`;
  }

  override render() {
    const onboarding = this.session.onboarding;
    const removal = onboarding?.purpose === 'remove_application';
    const organizationId = onboarding?.status === 'connected' && !removal ? onboarding.organizationId : null;
    return html`<dialog part="panel" aria-labelledby="panel-title" @close=${this.onClosed}>
      <header class="row">
        <h2 id="panel-title">${removal ? t.removalTitle : t.title}${onboarding ? html`: ${onboarding.customerName}` : nothing}</h2>
        <span class="spacer"></span>
        <button type="button" @click=${() => this.close()}>${strings.close}</button>
      </header>
      ${this.renderSteps()}
      <div class="body">
        ${this.session.error && !(this.session.error instanceof ApiError && this.session.error.code === 'VALIDATION_FAILED')
          ? html`<m365-error-message .error=${this.session.error} .retryable=${false}></m365-error-message>`
          : nothing}
        ${this.renderBody()}
      </div>
      ${organizationId
        ? html`<footer class="row">
            <button
              type="button"
              class="primary"
              @click=${() => {
                emit(this, 'm365-organization-open', { organizationId, tab: 'users' });
                this.close();
              }}
            >
              ${t.openOrganization}
            </button>
            <button type="button" @click=${() => this.close()}>${t.done}</button>
          </footer>`
        : nothing}
    </dialog>`;
  }
}

define('m365-add-organization-panel', M365AddOrganizationPanel);

declare global {
  interface HTMLElementTagNameMap {
    'm365-add-organization-panel': M365AddOrganizationPanel;
  }
  interface HTMLElementEventMap {
    'm365-panel-close': CustomEvent<{ onboardingId: string | null; organizationId: string | null }>;
  }
}
