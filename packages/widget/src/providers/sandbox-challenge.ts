import type { Payment, SandboxChallengeResult } from '@duly/sdk';
import { html, type TemplateResult } from 'lit';
import type { NextAction, NextActionFactory, ProviderContext } from './provider-context.js';

type Choice = SandboxChallengeResult | 'closed';

/**
 * The sandbox's stand-in for a bank's 3-D Secure page: a modal dialog with Complete, Fail
 * and Close. Complete and Fail go to `POST /v1/portal/payments/:id/sandbox_challenge`;
 * Close (or Escape) changes nothing, so the payment stays `requires_action` and can be
 * tried again.
 */
class SandboxChallenge implements NextAction {
  #context: ProviderContext;
  #choose?: (choice: Choice) => void;

  constructor(context: ProviderContext) {
    this.#context = context;
  }

  async run(payment: Payment): Promise<Payment> {
    const { host } = this.#context;
    const choice = new Promise<Choice>((resolve) => {
      this.#choose = resolve;
    });
    host.requestUpdate();
    await host.updateComplete;
    const dialog = host.renderRoot.querySelector<HTMLDialogElement>('dialog.challenge');
    dialog?.showModal();

    const chosen = await choice;
    this.#choose = undefined;
    dialog?.close();
    host.requestUpdate();
    if (chosen === 'closed') return payment;
    return this.#context.portal.completeSandboxChallenge(payment.id, chosen);
  }

  render(): TemplateResult | undefined {
    const choose = this.#choose;
    if (!choose) return undefined;
    const { messages } = this.#context.l10n();
    return html`<dialog
      class="challenge"
      part="challenge"
      data-testid="challenge"
      aria-labelledby="challenge-title"
      aria-describedby="challenge-body"
      @cancel=${(event: Event) => {
        event.preventDefault();
        choose('closed');
      }}
    >
      <h2 id="challenge-title">${messages.challengeTitle}</h2>
      <p id="challenge-body" class="muted">${messages.challengeBody}</p>
      <div class="actions">
        <button
          class="button secondary"
          type="button"
          data-testid="challenge-close"
          @click=${() => choose('closed')}
        >
          ${messages.close}
        </button>
        <button
          class="button secondary"
          type="button"
          data-testid="challenge-fail"
          @click=${() => choose('failed')}
        >
          ${messages.challengeFail}
        </button>
        <button
          class="button primary"
          type="button"
          data-testid="challenge-complete"
          @click=${() => choose('succeeded')}
        >
          ${messages.challengeComplete}
        </button>
      </div>
    </dialog>`;
  }
}

export const sandboxChallenge: NextActionFactory = (context) => new SandboxChallenge(context);
