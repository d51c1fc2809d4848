// Registers <duly-subscriptions>.
import { defineElement } from '../shared/define-element.js';
import { DulySubscriptions } from './duly-subscriptions.js';

defineElement('duly-subscriptions', DulySubscriptions);
