export * from './partner.js';
export * from './customer.js';
export * from './device.js';
