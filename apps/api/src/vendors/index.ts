export { findVendor } from './vendor-repository.js';
export {
  type CreatedVendor,
  type CreateVendorInput,
  createVendor,
  normalizeOrigin,
  VendorInputError,
} from './vendor-service.js';
