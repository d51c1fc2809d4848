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
  },
  paymentStatus: {
    requires_action: 'Action needed',
    pending: 'Processing',
    succeeded: 'Succeeded',
    failed: 'Failed',
    canceled: 'Canceled',
    refunded: 'Refunded',
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
    'Test mode: use 4242 4242 4242 4242 with any future expiry date and any 3 digits. No real card is charged.',
  pay: 'Pay',
  payAmount: (amount: string) => `Pay ${amount}`,
  paying: 'Paying…',
  cancel: 'Cancel',
  nothingToPay: 'Select at least one open invoice to pay.',

  // Form validation
  amountInvalid: (example: string) => `Enter an amount such as ${example}.`,
  amountZero: 'Enter an amount above zero.',
  amountTooHigh: (max: string) => `At most ${max} can be paid on this invoice.`,
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
    other: { title: 'The payment was declined.', next: 'Try another card.' },
  },
  invoiceChanged:
    'An invoice changed while you were paying it, so nothing was charged. Go back to see the current amounts.',
  paymentFailed: 'The payment could not be completed. Nothing was charged.',
  paymentUncertain: 'We could not confirm the payment. Try again: you will not be charged twice.',
  paymentSucceeded: 'Payment received',
  paidWith: (amount: string, method: string) => `You paid ${amount} with ${method}.`,
  paid: (amount: string) => `You paid ${amount}.`,
  cardEnding: (brand: string, last4: string) => `${brand} ending in ${last4}`,
  appliedTo: 'Applied to',
  reference: 'Reference',
  done: 'Back to invoices',

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
};

/** A message catalogue; every language has the keys of the English one. */
export type Messages = typeof en;
