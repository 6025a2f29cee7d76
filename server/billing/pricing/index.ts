/**
 * Pure pricing, shared by the server and the web components (package subpath `./pricing`).
 * No Node, NestJS or TypeORM import here: only big.js, which runs in browsers.
 */
export * from './price';
export * from './rules';
export * from './terms';
export * from './pax8-rates';
export { MAX_MONEY, Money, isDecimalText } from './money';
