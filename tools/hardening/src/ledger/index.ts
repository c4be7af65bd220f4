export {
  DEFAULT_LEDGER_FILE,
  appendLedger,
  formatLedgerEntry,
  hashSecret,
  ledgerHashes,
  parseLedger,
  readLedger,
  type LedgerEntry,
  type LedgerRecord,
} from './ledger.js';
