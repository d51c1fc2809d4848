// Registers <duly-account> and the two cards it shows, <duly-credit-limit> and
// <duly-billing-details>.
import { defineElement } from '../shared/define-element.js';
import { DulyAccount } from './duly-account.js';
import { DulyBillingDetails } from './duly-billing-details.js';
import { DulyCreditLimit } from './duly-credit-limit.js';

defineElement('duly-credit-limit', DulyCreditLimit);
defineElement('duly-billing-details', DulyBillingDetails);
defineElement('duly-account', DulyAccount);
