import type { DisputeReason } from '@duly/sdk';
import type { PartMessages } from '../i18n/index.js';

/** English messages of the invoice PDF button and `<duly-invoice-threads>`; the Spanish ones below have the same keys. */
const en = {
  downloadInvoicePdf: 'Download PDF',
  heading: 'Questions and disputes',
  none: 'No questions or disputes about this invoice.',
  ask: 'Ask a question',
  dispute: 'Dispute',
  askTitle: 'Ask about this invoice',
  disputeTitle: 'Dispute this invoice',
  reason: 'Reason',
  chooseReason: 'Choose a reason',
  reasons: {
    incorrect_amount: 'The amount is wrong',
    not_received: 'Goods or services not received',
    damaged_or_defective: 'Damaged or defective',
    duplicate: 'Billed twice',
    already_paid: 'Already paid',
    other: 'Other',
  } satisfies Record<DisputeReason, string>,
  message: 'Message',
  amountDisputed: (currency: string) => `Amount in dispute, ${currency} (optional)`,
  amountHint: (total: string) => `Leave it empty to dispute the whole invoice of ${total}.`,
  amountTooHigh: (total: string) => `At most the invoice's total of ${total} can be disputed.`,
  send: 'Send',
  sending: 'Sending…',
  messageMissing: 'Write a message.',
  reasonMissing: 'Choose a reason.',
  questionSent: 'Your question was sent. The answer will appear here.',
  disputeSent:
    'Your dispute was sent. The invoice is marked disputed, and autopay leaves it alone until it is resolved.',
  replySent: 'Your reply was sent.',
  sendFailed: 'Your message could not be sent.',
  loadFailed: 'We could not load the questions about this invoice.',
  kinds: { question: 'Question', dispute: 'Dispute' } as Record<string, string>,
  statuses: {
    open: 'Waiting for an answer',
    answered: 'Answered',
    resolved: 'Resolved',
  } as Record<string, string>,
  disputedPart: (amount: string) => `${amount} disputed`,
  wholeInvoice: 'Whole invoice disputed',
  you: 'You',
  vendor: 'Vendor',
  reply: 'Reply',
  resolution: 'Resolution',
  resolvedNote: 'This thread is resolved. Ask a new question if something is still unclear.',
  threadTitle: (kind: string, number: string) => `${kind} about ${number}`,
};

/** The messages of `<duly-invoice-threads>` in one language. */
export type ThreadsMessages = typeof en;

const es: ThreadsMessages = {
  downloadInvoicePdf: 'Descargar PDF',
  heading: 'Preguntas y disputas',
  none: 'No hay preguntas ni disputas sobre esta factura.',
  ask: 'Hacer una pregunta',
  dispute: 'Disputar',
  askTitle: 'Preguntar sobre esta factura',
  disputeTitle: 'Disputar esta factura',
  reason: 'Motivo',
  chooseReason: 'Elija un motivo',
  reasons: {
    incorrect_amount: 'El importe es incorrecto',
    not_received: 'No se recibieron los bienes o servicios',
    damaged_or_defective: 'Dañado o defectuoso',
    duplicate: 'Facturado dos veces',
    already_paid: 'Ya está pagada',
    other: 'Otro',
  },
  message: 'Mensaje',
  amountDisputed: (currency) => `Importe en disputa, ${currency} (opcional)`,
  amountHint: (total) => `Déjelo vacío para disputar la factura completa de ${total}.`,
  amountTooHigh: (total) => `Como máximo puede disputar el total de la factura, ${total}.`,
  send: 'Enviar',
  sending: 'Enviando…',
  messageMissing: 'Escriba un mensaje.',
  reasonMissing: 'Elija un motivo.',
  questionSent: 'Su pregunta se envió. La respuesta aparecerá aquí.',
  disputeSent:
    'Su disputa se envió. La factura queda marcada en disputa y el pago automático no la cobra hasta que se resuelva.',
  replySent: 'Su respuesta se envió.',
  sendFailed: 'No se pudo enviar su mensaje.',
  loadFailed: 'No pudimos cargar las preguntas sobre esta factura.',
  kinds: { question: 'Pregunta', dispute: 'Disputa' },
  statuses: {
    open: 'Esperando respuesta',
    answered: 'Respondida',
    resolved: 'Resuelta',
  },
  disputedPart: (amount) => `${amount} en disputa`,
  wholeInvoice: 'Factura completa en disputa',
  you: 'Usted',
  vendor: 'Proveedor',
  reply: 'Responder',
  resolution: 'Resolución',
  resolvedNote: 'Este tema está resuelto. Haga una nueva pregunta si algo sigue sin estar claro.',
  threadTitle: (kind, number) => `${kind} sobre ${number}`,
};

export const threadsMessages: PartMessages<ThreadsMessages> = { en, es };
