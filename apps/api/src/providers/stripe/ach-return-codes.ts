/**
 * NACHA return codes for Stripe's failure codes of ACH debits. Stripe reports a returned
 * debit by its own code (`insufficient_funds`, ...), not by the bank's R-code. Where
 * several R-codes share one Stripe code, the most common one is used. Source: Stripe's
 * network decline codes for ACH Direct Debit (https://docs.stripe.com/declines/network-codes).
 */
const RETURN_CODES: Record<string, string> = {
  insufficient_funds: 'R01',
  account_closed: 'R02',
  bank_account_closed: 'R02',
  no_account: 'R03',
  invalid_account_number: 'R04',
  bank_account_invalid_details: 'R04',
  // R05, R07, R10, R29 and others: the customer reports the debit as not authorized.
  debit_not_authorized: 'R10',
  recipient_deceased: 'R15',
  account_frozen: 'R16',
  bank_account_frozen: 'R16',
  bank_account_restricted: 'R16',
};

/**
 * Returns the ACH return code for a Stripe failure code of a bank debit, such as `R01` for
 * `insufficient_funds`. A code with no R-code counterpart (`could_not_process`) is
 * returned as it is, so the payment still records why it failed.
 */
export function achReturnCode(stripeFailureCode: string): string {
  return RETURN_CODES[stripeFailureCode] ?? stripeFailureCode;
}
