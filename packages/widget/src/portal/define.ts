// Registers <duly-portal>. The parts it renders have define modules of their own.
import { defineElement } from '../shared/define-element.js';
import { DulyPortal } from './duly-portal.js';

defineElement('duly-portal', DulyPortal);
