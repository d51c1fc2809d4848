export { receiptNumber, toReceipt } from './receipt-object.js';
export { type ReceiptPdf, renderReceiptPdf } from './receipt-pdf.js';
export { portalReceiptRoutes, vendorReceiptRoutes } from './receipt-routes.js';
export { loadReceipt, type ReceiptSource } from './receipt-service.js';
