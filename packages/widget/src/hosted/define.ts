// Registers <duly-hosted-pay> with the pay form and the receipt it shows.
import '../pay/define.js';
import '../receipt/define.js';
import { defineElement } from '../shared/define-element.js';
import { DulyHostedPay } from './duly-hosted-pay.js';

defineElement('duly-hosted-pay', DulyHostedPay);
