// Registers <duly-invoice-detail>.
import { defineElement } from '../shared/define-element.js';
import { DulyInvoiceDetail } from './duly-invoice-detail.js';

defineElement('duly-invoice-detail', DulyInvoiceDetail);
