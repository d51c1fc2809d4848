// Registers <duly-receipt>.
import { defineElement } from '../shared/define-element.js';
import { DulyReceipt } from './duly-receipt.js';

defineElement('duly-receipt', DulyReceipt);
