// Registers <duly-payments> and <duly-receipt>, which opens from a payment.
import '../receipt/define.js';
import { defineElement } from '../shared/define-element.js';
import { DulyPayments } from './duly-payments.js';

defineElement('duly-payments', DulyPayments);
