// Registers <duly-payment-methods>.
import { defineElement } from '../shared/define-element.js';
import { DulyPaymentMethods } from './duly-payment-methods.js';

defineElement('duly-payment-methods', DulyPaymentMethods);
