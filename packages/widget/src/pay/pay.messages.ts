import type { PartMessages } from '../i18n/index.js';

/**
 * English messages of `<duly-pay>` beyond paying chosen invoices by card or bank: paying all
 * of a currency or an amount, the credit balance, short pay and the minimum charge. The
 * Spanish ones below have the same keys.
 */
const en = {
  // The payment's invoices and split
  payAllHeading: (currency: string) => `Pay all ${currency} invoices`,
  payAmountHeading: (currency: string) => `Pay an amount in ${currency}`,
  payAllLeftOut: 'Disputed invoices and invoices with a payment you reported are left out.',
  amountToPayIn: (currency: string) => `Amount to pay (${currency})`,
  amountOldestFirst: 'It pays your oldest open invoices first.',
  amountMissing: 'Enter the amount to pay.',
  splitLabel: 'How the payment is applied',
  splitPartOf: (payable: string) => `Part of ${payable}`,
  fromCredit: (amount: string) => `${amount} from credit`,
  previewLoading: 'Working out how the payment is applied…',
  previewFailed: 'We could not work out how this payment is applied.',
  nothingOpenIn: (currency: string) =>
    `No open ${currency} invoice can be paid now. Disputed invoices and invoices with a payment you reported are left out.`,

  // Credit balance and totals
  useCredit: (amount: string) => `Use credit balance (${amount})`,
  creditUsed: 'Credit used',
  becomesCredit: 'Added to your credit balance',
  toPayNow: 'To pay now',
  creditCoversAll: 'Your credit balance covers this payment, so no payment method is needed.',
  payFromCredit: 'Pay from credit',
  applyingCredit: 'Applying credit…',
  creditChanged:
    'Your credit balance changed while you were paying, so nothing was applied. Go back to see the current balance.',
  creditStaysApplied: (amount: string) =>
    `The ${amount} of credit stays applied to your invoices. The amounts below are what is left to pay.`,
  belowMinimum: (minimum: string) =>
    `The smallest payment by card or bank is ${minimum}. Pay at least ${minimum}.`,

  // Short pay
  shortPayHeading: 'Why are you paying less?',
  shortPayBody: 'You are paying less than is due on an invoice. The reason goes with the payment.',
  shortPayReason: 'Reason',
  shortPayChoose: 'Choose a reason',
  shortPayNote: 'Note (optional)',
  shortPayReasonRequired: 'Choose why you are paying less.',

  // Results
  creditPaidTitle: 'Paid from your credit balance',
  creditPaidBody: (amount: string) => `${amount} of credit was applied.`,
  creditLeft: (amount: string) => `Credit left: ${amount}`,
  paymentCreditUsed: (amount: string) => `Plus ${amount} from credit`,

  // Money sent another way
  paidAnotherWay: 'Paid another way, such as by check or wire?',
};

/** The messages of `<duly-pay>`'s balance payments, credit and short pay in one language. */
export type PayMessages = typeof en;

const es: PayMessages = {
  // The payment's invoices and split
  payAllHeading: (currency) => `Pagar todas las facturas en ${currency}`,
  payAmountHeading: (currency) => `Pagar un importe en ${currency}`,
  payAllLeftOut:
    'No se incluyen las facturas en disputa ni las facturas con un pago que usted ya avisó.',
  amountToPayIn: (currency) => `Importe a pagar (${currency})`,
  amountOldestFirst: 'Se aplica primero a sus facturas abiertas más antiguas.',
  amountMissing: 'Indique el importe a pagar.',
  splitLabel: 'Cómo se aplica el pago',
  splitPartOf: (payable) => `Parte de ${payable}`,
  fromCredit: (amount) => `${amount} del saldo a favor`,
  previewLoading: 'Calculando cómo se aplica el pago…',
  previewFailed: 'No pudimos calcular cómo se aplica este pago.',
  nothingOpenIn: (currency) =>
    `Ahora no se puede pagar ninguna factura abierta en ${currency}. No se incluyen las facturas en disputa ni las que tienen un pago que usted ya avisó.`,

  // Credit balance and totals
  useCredit: (amount) => `Usar el saldo a favor (${amount})`,
  creditUsed: 'Saldo a favor usado',
  becomesCredit: 'Se suma a su saldo a favor',
  toPayNow: 'A pagar ahora',
  creditCoversAll: 'Su saldo a favor cubre este pago, así que no hace falta un medio de pago.',
  payFromCredit: 'Pagar con el saldo a favor',
  applyingCredit: 'Aplicando el saldo a favor…',
  creditChanged:
    'Su saldo a favor cambió mientras pagaba, así que no se aplicó nada. Vuelva atrás para ver el saldo actual.',
  creditStaysApplied: (amount) =>
    `Los ${amount} de saldo a favor siguen aplicados a sus facturas. Los importes de abajo son lo que queda por pagar.`,
  belowMinimum: (minimum) =>
    `El pago mínimo con tarjeta o cuenta bancaria es de ${minimum}. Pague al menos ${minimum}.`,

  // Short pay
  shortPayHeading: '¿Por qué paga menos?',
  shortPayBody: 'Paga menos de lo pendiente en una factura. El motivo se envía con el pago.',
  shortPayReason: 'Motivo',
  shortPayChoose: 'Elija un motivo',
  shortPayNote: 'Nota (opcional)',
  shortPayReasonRequired: 'Elija por qué paga menos.',

  // Results
  creditPaidTitle: 'Pagado con su saldo a favor',
  creditPaidBody: (amount) => `Se aplicaron ${amount} de saldo a favor.`,
  creditLeft: (amount) => `Saldo a favor restante: ${amount}`,
  paymentCreditUsed: (amount) => `Más ${amount} del saldo a favor`,

  // Money sent another way
  paidAnotherWay: '¿Pagó de otra forma, por ejemplo con cheque o transferencia?',
};

export const payMessages: PartMessages<PayMessages> = { en, es };
