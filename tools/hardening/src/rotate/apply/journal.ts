import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { ShipshapeError } from '../../errors.js';

export type StepOutcome =
  | 'started'
  | 'done'
  | 'failed'
  | 'rolled-back'
  | 'superseded';
export type RunOutcome =
  | 'started'
  | 'completed'
  | 'rolled-back'
  | 'stopped'
  | 'rollback-incomplete';

/**
 * One line of the journal. It holds step ids, times, outcomes, provider
 * ids and short fingerprints: never a secret value.
 */
export interface JournalEntry {
  v: 1;
  run: string;
  at: string;
  secret: string;
  step: string;
  outcome: StepOutcome | RunOutcome;
  planHash?: string;
  fingerprints?: { old?: string; new?: string; previous?: string };
  detail?: Record<string, string | number | boolean | undefined>;
  message?: string;
}

export interface RunState {
  run: string;
  planHash?: string;
  final?: RunOutcome;
  /** The last entry of each step. */
  steps: Map<string, JournalEntry>;
  oldFingerprint?: string;
  oldId?: string;
}

/** Runs that ended this way need nothing more; any other state resumes. */
export const FINISHED: ReadonlySet<string> = new Set([
  'completed',
  'rolled-back',
]);

/** An append-only JSON-lines file per secret, synced after each line. */
export class Journal {
  readonly file: string;

  constructor(
    dir: string,
    readonly secret: string,
  ) {
    this.file = join(dir, `${secret}.jsonl`);
  }

  entries(): JournalEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        try {
          return JSON.parse(line) as JournalEntry;
        } catch (cause) {
          throw new ShipshapeError(
            'UNREADABLE_INPUT',
            `${this.file}: line ${index + 1} is not JSON (a torn write?); remove that line and run again.`,
            { cause },
          );
        }
      });
  }

  lastRun(): RunState | undefined {
    const entries = this.entries();
    const last = entries.at(-1);
    if (!last) return undefined;
    const state: RunState = { run: last.run, steps: new Map() };
    for (const entry of entries.filter((item) => item.run === last.run)) {
      if (entry.step === 'run') {
        if (entry.outcome === 'started') {
          state.planHash = entry.planHash;
          state.oldFingerprint = entry.fingerprints?.old;
          state.oldId = entry.detail?.oldId as string | undefined;
        } else {
          state.final = entry.outcome as RunOutcome;
        }
        continue;
      }
      state.steps.set(entry.step, entry);
    }
    return state;
  }

  /** The last run, when it did not finish. */
  unfinished(): RunState | undefined {
    const run = this.lastRun();
    return run && !FINISHED.has(run.final ?? '') ? run : undefined;
  }

  append(
    entry: Omit<JournalEntry, 'v' | 'at' | 'secret'> & { at?: string },
  ): void {
    const line: JournalEntry = {
      v: 1,
      at: entry.at ?? new Date().toISOString(),
      secret: this.secret,
      ...entry,
    };
    mkdirSync(join(this.file, '..'), { recursive: true });
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
