// Registers <duly-statement> and <duly-receipt>, which opens from a recent payment.
import '../receipt/define.js';
import { defineElement } from '../shared/define-element.js';
import { DulyStatement } from './duly-statement.js';

defineElement('duly-statement', DulyStatement);
