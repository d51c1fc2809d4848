// Registers <duly-account-summary>.
import { defineElement } from '../shared/define-element.js';
import { DulyAccountSummary } from './duly-account-summary.js';

defineElement('duly-account-summary', DulyAccountSummary);
