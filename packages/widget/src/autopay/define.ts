// Registers <duly-autopay>.
import { defineElement } from '../shared/define-element.js';
import { DulyAutopay } from './duly-autopay.js';

defineElement('duly-autopay', DulyAutopay);
