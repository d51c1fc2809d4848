// Registers <duly-payment-notice>, the "I sent a payment" form.
import { defineElement } from '../shared/define-element.js';
import { DulyPaymentNotice } from './duly-payment-notice.js';

defineElement('duly-payment-notice', DulyPaymentNotice);
