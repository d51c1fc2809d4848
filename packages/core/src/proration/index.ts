export { type PriceLine, type Proration, type ProrationRequest, prorate } from './proration.js';
