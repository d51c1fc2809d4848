// Registers <duly-invoice-threads>.
import { defineElement } from '../shared/define-element.js';
import { DulyInvoiceThreads } from './duly-invoice-threads.js';

defineElement('duly-invoice-threads', DulyInvoiceThreads);
