// Registers <duly-invoice-detail> and <duly-invoice-threads>, which it shows.
import '../threads/define.js';
import { defineElement } from '../shared/define-element.js';
import { DulyInvoiceDetail } from './duly-invoice-detail.js';

defineElement('duly-invoice-detail', DulyInvoiceDetail);
