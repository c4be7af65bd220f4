export * from './report/index.js';
export { ShipshapeError, isShipshapeError, type ErrorCode } from './errors.js';
export { VERSION } from './version.js';
