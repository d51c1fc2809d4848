export * from './aging/index.js';
export * from './dates/index.js';
export * from './money/index.js';
export * from './problem/index.js';
export * from './proration/index.js';
export * from './schemas/index.js';
