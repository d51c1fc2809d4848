// Registers <duly-invoice-list>.
import { defineElement } from '../shared/define-element.js';
import { DulyInvoiceList } from './duly-invoice-list.js';

defineElement('duly-invoice-list', DulyInvoiceList);
