// A local stand-in for Plaid Link's web SDK with the calls the widget makes, loaded by
// browser tests through the widget's `scriptUrls` in place of Plaid's CDN script. It
// records every call in `window.fakePlaid.calls`.
//
// Settings in `window.fakePlaid`, read when Link opens:
// - `accountId`: the account the customer picks. Its digits name a test account number.
// - `exit`: true to close Link without linking.
// - `exitError`: the error that `onExit` receives.
(() => {
  const settings = () => {
    window.fakePlaid ??= { calls: [] };
    return window.fakePlaid;
  };
  const record = (name, ...args) => settings().calls.push({ name, args });

  window.Plaid = {
    create(config) {
      record('create', { token: config.token });
      return {
        open() {
          record('open');
          setTimeout(() => {
            const current = settings();
            if (current.exit || current.exitError) {
              config.onExit(current.exitError ?? null, { status: 'requires_credentials' });
              return;
            }
            config.onSuccess('public-sandbox-fake', {
              institution: { name: 'First Platypus Bank', institution_id: 'ins_109508' },
              accounts: [{ id: current.accountId ?? 'acc_000123456789', mask: '6789' }],
            });
          });
        },
        exit() {
          record('exit');
        },
        destroy() {
          record('destroy');
        },
      };
    },
  };
})();
