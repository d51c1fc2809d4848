// A local stand-in for Stripe.js v3 with the calls the widget makes, loaded by browser tests
// through the widget's `scriptUrls` in place of https://js.stripe.com/v3/. It records every
// call in `window.fakeStripe.calls` and reads its settings from `window.fakeStripe` at each
// call, so a test can change them after the script has loaded.
//
// Settings: `card` (the test card number the next PaymentMethod stands for),
// `submitError` (an error `elements.submit()` returns), `onNextAction(clientSecret)`
// (called by `handleNextAction`, where a test plays the customer on the bank's page).
(() => {
  const settings = () => {
    window.fakeStripe ??= { calls: [] };
    return window.fakeStripe;
  };
  const record = (name, ...args) => settings().calls.push({ name, args });

  window.Stripe = (publishableKey) => {
    record('Stripe', publishableKey);
    return {
      elements(options) {
        record('elements', options);
        return {
          create(type, createOptions) {
            record('create', type, createOptions);
            let frame;
            return {
              mount(target) {
                // Stripe.js rejects a mount point inside a shadow root; so does this fake.
                if (!(target instanceof HTMLElement) || target.getRootNode() !== document) {
                  throw new Error(
                    'IntegrationError: Elements cannot be mounted in a ShadowRoot. Please mount in the Light DOM.',
                  );
                }
                frame = document.createElement('iframe');
                frame.title = 'Secure payment input frame';
                frame.dataset.fakeStripe = 'payment-element';
                frame.style.cssText = 'width: 100%; height: 120px; border: 0;';
                target.append(frame);
                record('mount', target);
              },
              destroy() {
                frame?.remove();
                record('destroy');
              },
              on(event) {
                record('on', event);
              },
            };
          },
          async submit() {
            record('submit');
            const error = settings().submitError;
            return error ? { error } : {};
          },
          update(updateOptions) {
            record('update', updateOptions);
          },
        };
      },
      async createPaymentMethod(options) {
        record('createPaymentMethod', options);
        return { paymentMethod: { id: `pm_fake_${settings().card ?? '4242424242424242'}` } };
      },
      async confirmSetup(options) {
        record('confirmSetup', options);
        return { setupIntent: { id: `seti_fake_${settings().card ?? '4242424242424242'}` } };
      },
      async handleNextAction(options) {
        record('handleNextAction', options);
        await settings().onNextAction?.(options.clientSecret);
        return {};
      },
    };
  };
})();
