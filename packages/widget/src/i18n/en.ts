/**
 * English messages: every string the widget shows. Other catalogues have the same keys;
 * a function takes the values that the sentence contains, already formatted.
 */
export const en = {
  languageTag: 'en',

  // Account summary
  summaryLabel: 'Account summary',
  accountOf: (customer: string) => `Account of ${customer}`,
  balanceDue: 'Balance due',
  openInvoices: (count: number) => (count === 1 ? '1 open invoice' : `${count} open invoices`),
  overdueInvoices: (count: number) => `${count} overdue`,
  overdueAmount: (amount: string) => `${amount} overdue`,
  pendingAmount: (amount: string) => `${amount} being processed`,
  nothingDue: 'Nothing due',
  nothingDueBody: 'You have no open invoices. Thank you!',

  // Invoice list
  invoicesHeading: 'Invoices',
  filterLabel: 'Show invoices',
  filters: { open: 'Open', overdue: 'Overdue', paid: 'Paid', all: 'All' },
  dueOn: (date: string) => `Due ${date}`,
  issuedOn: (date: string) => `Issued ${date}`,
  viewInvoice: (number: string) => `View invoice ${number}`,
  selectInvoice: (number: string, amount: string) => `Pay invoice ${number}, ${amount} due`,
  loadMore: 'Load more',
  loadingMore: 'Loading more invoices…',
  loading: 'Loading…',
  selectedCount: (count: number) =>
    count === 1 ? '1 invoice selected' : `${count} invoices selected`,
  clearSelection: 'Clear',
  paySelected: (amount: string) => `Pay ${amount}`,
  oneCurrencyAtATime: (selected: string, attempted: string) =>
    `You can pay invoices of one currency at a time. Pay or clear the ${selected} invoices before selecting ${attempted} ones.`,
  empty: {
    open: { title: 'No open invoices', body: 'You are all paid up.' },
    overdue: { title: 'Nothing overdue', body: 'Every open invoice is within its due date.' },
    paid: { title: 'No paid invoices yet', body: 'Invoices you pay appear here.' },
    all: { title: 'No invoices yet', body: 'Invoices appear here as soon as they are issued.' },
  },
  showAllInvoices: 'Show all invoices',

  // Statuses
  status: {
    draft: 'Draft',
    open: 'Open',
    overdue: 'Overdue',
    partlyPaid: 'Partly paid',
    paid: 'Paid',
    void: 'Void',
    uncollectible: 'Uncollectible',
    paymentPending: 'Payment pending',
  },
  paymentStatus: {
    requires_action: 'Action needed',
    pending: 'Pending',
    succeeded: 'Succeeded',
    failed: 'Failed',
    canceled: 'Canceled',
    refunded: 'Refunded',
    partly_refunded: 'Partly refunded',
  } as Record<string, string>,

  // Invoice detail
  invoiceTitle: (number: string) => `Invoice ${number}`,
  backToInvoices: 'Back to invoices',
  issued: 'Issued',
  due: 'Due',
  total: 'Total',
  amountDue: 'Amount due',
  lineItems: 'Items',
  description: 'Description',
  quantity: 'Qty',
  unitPrice: 'Unit price',
  amount: 'Amount',
  payments: 'Payments',
  noPayments: 'No payments yet.',
  subtotal: 'Subtotal',
  paymentsAndCredits: 'Payments and credits',
  creditNote: (number: string) => `Credit note ${number}`,
  payThisInvoice: 'Pay this invoice',

  // Pay
  payHeading: (count: number) => (count === 1 ? 'Pay 1 invoice' : `Pay ${count} invoices`),
  amountToPay: (number: string) => `Amount to pay on ${number}`,
  upTo: (amount: string) => `Up to ${amount}`,
  card: 'Card',
  cardNumber: 'Card number',
  expiry: 'Expiry (MM / YY)',
  expiryPlaceholder: 'MM / YY',
  cvc: 'Security code (CVC)',
  testModeHint:
    'Test mode: use 4242 4242 4242 4242 with any future expiry date and any 3 digits, or 4000 0025 0000 3155 to try 3-D Secure. No real card is charged.',
  pay: 'Pay',
  payAmount: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  cancel: 'Cancel',
  nothingToPay: 'Select at least one open invoice to pay.',

  // Form validation
  amountInvalid: (example: string) => `Enter an amount such as ${example}.`,
  amountZero: 'Enter an amount above zero.',
  amountTooHigh: (max: string) => `At most ${max} can be paid on this invoice.`,
  amountTooManyDecimals: (currency: string, decimals: number) =>
    decimals === 0
      ? `Too many decimals: ${currency} amounts have none.`
      : `Too many decimals: ${currency} amounts have at most ${decimals}.`,
  cardNumberInvalid: 'Check the card number: it should have 13 to 19 digits.',
  cardNumberChecksum: 'Check the card number: one or more digits are wrong.',
  cardNotTestCard: 'This is not a test card. In test mode, use 4242 4242 4242 4242.',
  expiryInvalid: 'Enter the expiry date as MM / YY, for example 12 / 30.',
  expiryPast: 'This card has expired. Use another card.',
  cvcInvalid: 'Enter the 3 or 4 digit code from the back of the card.',
  fixFields: 'Check the highlighted fields.',

  // Payment outcome
  declines: {
    card_declined: {
      title: 'Your card was declined.',
      next: 'Try another card, or ask your card issuer why.',
    },
    insufficient_funds: {
      title: 'The card has insufficient funds.',
      next: 'Try another card, or pay a smaller amount.',
    },
    expired_card: { title: 'The card has expired.', next: 'Try another card.' },
    incorrect_cvc: {
      title: 'The security code (CVC) is incorrect.',
      next: 'Check the code on the back of the card, or try another card.',
    },
    processing_error: {
      title: 'The card could not be processed.',
      next: 'Try again in a moment, or try another card.',
    },
    authentication_failed: {
      title: 'Your bank did not confirm the payment.',
      next: 'Try again, or try another card.',
    },
    other: { title: 'The payment was declined.', next: 'Try another card.' },
  },
  invoiceChanged:
    'An invoice changed while you were paying it, so nothing was charged. Go back to see the current amounts.',
  paymentFailed: 'The payment could not be completed. Nothing was charged.',
  paymentUncertain: 'We could not confirm the payment. Try again: you will not be charged twice.',
  paymentSucceeded: 'Payment received',
  paidWith: (amount: string, method: string) => `You paid ${amount} with ${method}.`,
  paid: (amount: string) => `You paid ${amount}.`,
  cardEnding: (brand: string | null, last4: string) => `${brand ?? 'Card'} ending in ${last4}`,
  offlineMethod: 'Recorded by the vendor',
  appliedTo: 'Applied to',
  reference: 'Reference',
  done: 'Back to invoices',

  // Portal tabs
  portalSections: 'Billing sections',
  tabs: {
    invoices: 'Invoices',
    payments: 'Payments',
    methods: 'Payment methods',
    autopay: 'Autopay',
    // widget-account: the Statement and Account tabs.
    statement: 'Statement',
    account: 'Account',
    subscriptions: 'Subscriptions',
  },

  // Payment methods, in the pay form and their own list
  paymentMethod: 'Payment method',
  newCard: 'New card',
  newBankAccount: 'New bank account',
  bankAccount: 'Bank account',
  bankEnding: (bank: string | null, last4: string) =>
    `${bank ?? 'Bank'} account ending in ${last4}`,
  /** The names of methods inside a sentence, such as "You paid $5.00 with {name}." */
  inSentence: {
    cardEnding: (brand: string | null, last4: string) => `${brand ?? 'card'} ending in ${last4}`,
    bankEnding: (bank: string | null, last4: string) =>
      `${bank ?? 'bank'} account ending in ${last4}`,
  },
  expires: (month: number, year: number) => `Expires ${String(month).padStart(2, '0')}/${year}`,
  saveForLater: 'Save for future payments',
  mandateHeading: 'Debit authorization',
  mandateAccept: 'I accept this authorization',
  mandateRequired: 'Accept the authorization to pay from a bank account.',
  autopayMandateRequired: 'Accept the authorization to turn on autopay.',
  autopayNewMethodMandateRequired: 'Accept the authorization to charge the new method.',
  loadSetupFailed: 'We could not load the payment form.',
  providerLoading: 'Loading the secure card form…',
  providerFailed: 'The secure payment form could not be loaded.',
  plaidHint:
    'You will sign in to your bank in a secure window from Plaid, then choose the account to pay from.',
  routingNumber: 'Routing number',
  accountNumber: 'Account number',
  holderType: 'Account holder',
  holderIndividual: 'Individual',
  holderCompany: 'Company',
  bankTestHint:
    'Test mode: routing number 110000000 with account 000123456789 (succeeds), 000222222227 (returned: insufficient funds), 000111111113 (returned: account closed) or 000111111116 (returned: no account).',
  routingInvalid: 'Enter the 9-digit routing number from a check or your bank.',
  accountInvalid: 'Enter an account number of 4 to 17 digits.',
  bankNotTestAccount: 'This is not a test account. In test mode, use one listed above.',

  // 3-D Secure
  challengeTitle: 'Confirm the payment with your bank',
  challengeBody:
    "Test mode: this window stands in for your bank's 3-D Secure page. Complete approves the payment; Fail declines it.",
  challengeComplete: 'Complete',
  challengeFail: 'Fail',
  close: 'Close',
  actionNeeded: 'Your bank needs you to confirm this payment. Nothing has been charged yet.',

  // Payment outcomes beyond a card's
  paymentPending: 'Payment pending',
  pendingBody: (amount: string) =>
    `Your payment of ${amount} is on its way. Bank payments take a few days; this page updates when the bank confirms it.`,
  paymentReturned: 'Your bank returned the payment',
  returnedBody: (reason: string) =>
    `Reason: ${reason}. Nothing was paid and the invoices are open again; pay them with another method.`,
  failureReasons: {
    R01: 'insufficient funds (R01)',
    R02: 'account closed (R02)',
    R03: 'no account found (R03)',
    card_declined: 'card declined',
    insufficient_funds: 'insufficient funds',
    expired_card: 'card expired',
    incorrect_cvc: 'incorrect security code',
    processing_error: 'processing error',
    authentication_failed: 'not confirmed with the bank',
  } as Record<string, string>,
  viewReceipt: 'View receipt',
  back: 'Back',

  // <duly-payment-methods>
  methodsHeading: 'Payment methods',
  addCard: 'Add card',
  addBankAccount: 'Add bank account',
  save: 'Save',
  saving: 'Saving…',
  defaultMethod: 'Default',
  usedByAutopay: 'Used by autopay',
  makeDefault: 'Make default',
  remove: 'Remove',
  removeConfirm: (method: string) => `Remove ${method}? You can add it again later.`,
  keep: 'Keep',
  noMethods: 'No saved payment methods',
  noMethodsBody: 'Save a card or bank account here, or when you pay.',
  methodDisabled: (reason: string) => `Can no longer be charged: ${reason}`,
  methodInUse: 'Autopay uses this method. Turn autopay off, or switch it to another method, first.',
  loadMethodsFailed: 'We could not load your payment methods.',

  // <duly-autopay>
  autopayHeading: 'Autopay',
  autopayStatus: { active: 'On', paused: 'Paused', off: 'Off' } as Record<string, string>,
  autopayOnBody: (method: string) => `Each invoice is paid with ${method} on its due date.`,
  autopayOffBody: 'Turn on autopay to pay each invoice automatically on its due date.',
  autopayPaused: (reason: string) =>
    `Autopay is paused because a payment failed: ${reason}. Turn it on again with this or another method.`,
  failedPayment: (id: string) => `Failed payment: ${id}`,
  turnOn: 'Turn on autopay',
  turnOff: 'Turn off autopay',
  saveChanges: 'Save changes',
  autopayNeedsMethod: 'Save a card or bank account in Payment methods first.',
  loadAutopayFailed: 'We could not load your autopay settings.',

  // <duly-payments> and <duly-receipt>
  noPaymentsYet: 'No payments yet',
  noPaymentsYetBody: 'Payments you make appear here.',
  refundedAmount: (amount: string) => `${amount} refunded`,
  chargeback: {
    needs_response: 'Chargeback opened',
    under_review: 'Chargeback under review',
    won: 'Chargeback won',
    lost: 'Charged back',
  } as Record<string, string>,
  invoicesPaid: (numbers: string) => `For ${numbers}`,
  loadPaymentsFailed: 'We could not load your payments.',
  receiptTitle: (number: string) => `Receipt ${number}`,
  downloadPdf: 'Download PDF',
  downloadFailed: 'The PDF could not be downloaded. Try again.',
  paidOn: 'Paid on',
  paidBy: 'Paid by',
  amountPaid: 'Amount paid',
  refunded: 'Refunded',
  addedToCredit: 'Added to your credit balance',
  creditAlsoApplied: (amount: string) =>
    `Your credit balance also paid ${amount} of these invoices. It is not part of the amount paid.`,
  loadReceiptFailed: 'We could not load this receipt.',

  // Errors of any request
  loadFailed: 'We could not load this.',
  loadInvoicesFailed: 'We could not load your invoices.',
  loadInvoiceFailed: 'We could not load this invoice.',
  loadAccountFailed: 'We could not load your account.',
  connectionProblem: 'Check your internet connection, then try again.',
  sessionEnded: 'Your session has ended. Reload the page to continue.',
  notFound: 'This invoice was not found. It may have been removed.',
  serverProblem: 'Something went wrong on our side. Try again in a moment.',
  retry: 'Try again',
  requestId: (id: string) => `Request ${id}`,

  // --- widget-pay: credit and balance payments on the first screen ---
  // The pay form, "I sent a payment" and the history keep their other messages in their
  // chunks (pay.messages.ts, payment-notice.messages.ts, history.messages.ts).
  creditBalance: (amount: string) => `Credit balance ${amount}`,
  creditBalanceLabel: 'Credit balance',
  payAll: 'Pay all',
  payAllOf: (currency: string) => `Pay all open ${currency} invoices`,
  payAnAmount: 'Pay an amount',
  payAnAmountOf: (currency: string) => `Pay an amount in ${currency}`,
  reportPayment: 'I sent a payment',
  reportPaymentOf: (currency: string) => `I sent a payment in ${currency}`,
  // Marks of an invoice in the list and in its detail
  disputed: 'Disputed',
  paymentSent: (date: string) => `Payment sent ${date}`,
};

/** A message catalogue; every language has the keys of the English one. */
export type Messages = typeof en;
