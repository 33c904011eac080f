import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { NextAction, Onboarding, StepProgress } from '@m365/contracts';
import { define, emit } from '../../components/define.js';
import { IntervalController } from '../../controllers/interval-controller.js';
import { createFormatters, formattersContext, type Formatters } from '../../i18n/format.js';
import { strings } from '../../i18n/strings.js';
import { STEP_ICONS, stepStyles } from '../../styles/onboarding.styles.js';
import { shared } from '../../styles/shared.styles.js';
import { isActive } from './onboarding-session.js';

const t = strings.progress;

/**
 * @summary Live progress of an onboarding: each configuration step with its state, message and
 * elapsed time; the domain check, the final summary, or the failure with its next action.
 * @fires m365-onboarding-action - The technician chose a next action (detail `{action}`).
 * @csspart steps - The list of steps.
 */
export class M365OnboardingProgress extends LitElement {
  static override styles = [
    shared,
    stepStyles,
    css`
      ol {
        list-style: none;
        margin: calc(var(--_space) * 2) 0;
        padding: 0;
      }
      li {
        display: grid;
        grid-template-columns: 1.6em 1fr auto;
        gap: 0 var(--_space);
        padding: calc(var(--_space) / 2) 0;
        border-bottom: 1px solid var(--_border);
      }
      .message,
      .detail {
        grid-column: 2 / 4;
        color: var(--_muted);
        font-size: 0.93em;
      }
      .state,
      .elapsed {
        font-size: 0.9em;
        white-space: nowrap;
      }
      .box {
        margin-block: calc(var(--_space) * 2);
      }
      .box p {
        margin: 0.3em 0;
      }
    `,
  ];

  /** The onboarding to show. */
  @property({ attribute: false }) onboarding: Onboarding | null = null;

  @consume({ context: formattersContext, subscribe: true })
  @property({ attribute: false })
  formatters: Formatters = createFormatters('en-US');

  // Redraws the elapsed times every second while the onboarding is still running.
  protected readonly clock = new IntervalController(this, 1000, undefined, () => isActive(this.onboarding));

  private act(action: NextAction) {
    emit(this, 'm365-onboarding-action', { action });
  }

  private elapsed(from: string | null, to: string | null): string {
    if (!from) return '';
    return this.formatters.clock((to ? Date.parse(to) : Date.now()) - Date.parse(from));
  }

  private renderStep(step: StepProgress) {
    const f = this.formatters;
    const time = this.elapsed(step.startedAt, step.finishedAt);
    return html`<li class=${step.state}>
      <span class="icon" aria-hidden="true">${STEP_ICONS[step.state]}</span>
      <span>${strings.steps[step.step]} <span class="state">· ${strings.stepState[step.state]}</span></span>
      <span class="elapsed">${time ? html`<span class="visually-hidden">${t.elapsed('')}</span>${time}` : nothing}</span>
      ${step.message ? html`<span class="message">${step.message}</span>` : nothing}
      ${step.waitUntil && step.state === 'waiting'
        ? html`<span class="detail">${t.waitingUntil(f.dateTime(step.waitUntil))}</span>`
        : nothing}
      ${step.attempts > 1 ? html`<span class="detail">${t.attempts(f.number(step.attempts))}</span>` : nothing}
    </li>`;
  }

  private renderOutcome(onboarding: Onboarding) {
    const f = this.formatters;
    if (onboarding.status === 'awaiting_confirmation' && onboarding.domainMismatch) {
      const { tenantDomains, customerDomains } = onboarding.domainMismatch;
      return html`<div class="box failure" role="alert">
        <strong>${t.domainMismatchTitle}</strong>
        <p>${t.domainMismatchText(tenantDomains.join(', '), customerDomains.join(', ') || '—')}</p>
        <div class="row">
          <button type="button" class="primary" @click=${() => this.act('confirm_tenant')}>${t.confirmTenant}</button>
          <button type="button" @click=${() => this.act('choose_other_customer')}>
            ${strings.nextAction.choose_other_customer}
          </button>
        </div>
      </div>`;
    }
    const removal = onboarding.purpose === 'remove_application';
    if (onboarding.status === 'connected' && removal) {
      return html`<div class="box success" role="status">
        <strong>${t.removedTitle(onboarding.customerName)}</strong>
        <p>${t.removedText}</p>
      </div>`;
    }
    if (onboarding.status === 'connected') {
      const summary = onboarding.summary;
      return html`<div class="box success" role="status">
        <strong>${t.connectedTitle(onboarding.customerName)}</strong>
        ${summary
          ? html`<p>
                ${f.plural(summary.usersFound, t.usersFound)}, ${f.plural(summary.usersLicensed, t.usersLicensed)}
              </p>
              ${summary.eligibleUnlicensed > 0
                ? html`<p>${f.plural(summary.eligibleUnlicensed, t.eligibleUnlicensed)}</p>`
                : nothing}`
          : nothing}
      </div>`;
    }
    if (onboarding.status === 'failed' && onboarding.failure) {
      const { failure } = onboarding;
      const hint = strings.nextActionHint[failure.action];
      return html`<div class="box failure" role="alert">
        <strong>${removal ? t.removalFailedTitle : t.failedTitle}</strong>
        <p>${failure.message}</p>
        ${hint ? html`<p class="hint">${hint}</p>` : nothing}
        ${failure.action === 'none'
          ? nothing
          : html`<button type="button" class="primary" @click=${() => this.act(failure.action)}>
              ${strings.nextAction[failure.action]}
            </button>`}
      </div>`;
    }
    if (onboarding.status === 'cancelled') {
      return html`<div class="box" role="status"><strong>${t.cancelledTitle}</strong></div>`;
    }
    return nothing;
  }

  override render() {
    const onboarding = this.onboarding;
    if (!onboarding) return nothing;
    const first = onboarding.steps.find((step) => step.startedAt)?.startedAt ?? null;
    return html`<div class="row">
        <h3>${onboarding.purpose === 'remove_application' ? t.removalHeading : t.heading}</h3>
        <span class="spacer"></span>
        <span>${t.elapsed(this.elapsed(first, onboarding.finishedAt))}</span>
      </div>
      ${onboarding.tenant
        ? html`<p class="hint">
            ${t.tenant(onboarding.tenant.displayName, onboarding.tenant.primaryDomain)}${onboarding.consentedBy
              ? html` · ${t.signedInAs(onboarding.consentedBy)}`
              : nothing}
          </p>`
        : nothing}
      ${this.renderOutcome(onboarding)}
      <ol part="steps" aria-label=${t.heading}>
        ${onboarding.steps.map((step) => this.renderStep(step))}
      </ol>`;
  }
}

define('m365-onboarding-progress', M365OnboardingProgress);

declare global {
  interface HTMLElementTagNameMap {
    'm365-onboarding-progress': M365OnboardingProgress;
  }
  interface HTMLElementEventMap {
    'm365-onboarding-action': CustomEvent<{ action: NextAction }>;
  }
}
