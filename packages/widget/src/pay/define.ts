// Registers <duly-pay> and <duly-receipt>, which the pay form shows after a payment.
import '../receipt/define.js';
import { defineElement } from '../shared/define-element.js';
import { DulyPay } from './duly-pay.js';

defineElement('duly-pay', DulyPay);
