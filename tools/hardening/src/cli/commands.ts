import type { Command } from 'commander';

type Register = (program: Command) => void;

export interface CommandEntry {
  /** The subcommand names this module registers. */
  names: readonly string[];
  /** Loaded only when one of its names runs, or for the full --help. */
  load: () => Promise<Register>;
}

/**
 * Every `shipshape` subcommand, one registration per engine. Each engine's
 * `command.ts` adds its options and a thin action that calls the engine;
 * loading them lazily keeps `shipshape scan` from paying for PGlite.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    names: ['scan'],
    load: async () => (await import('../scan/command.js')).registerScanCommand,
  },
  {
    names: ['audit', 'advisories'],
    load: async () => (await import('../audit/command.js')).registerAudit,
  },
  {
    names: ['hygiene'],
    load: async () =>
      (await import('../hygiene/command.js')).registerHygieneCommand,
  },
  {
    names: ['drift'],
    load: async () => (await import('../drift/command.js')).registerDrift,
  },
  {
    names: ['validate-env'],
    load: async () =>
      (await import('../validate-env/command.js')).registerValidateEnv,
  },
  {
    names: ['rotate'],
    load: async () => (await import('../rotate/command.js')).registerRotate,
  },
  {
    names: ['db:safe-run'],
    load: async () => (await import('../db-guard/command.js')).registerDbGuard,
  },
  {
    names: ['merge-reports', 'shard'],
    load: async () =>
      (await import('../shard/command.js')).registerShardCommands,
  },
];

/** The entries to load for this command line: one, or all for help. */
export function commandsFor(argv: readonly string[]): readonly CommandEntry[] {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const entry = COMMANDS.find((candidate) =>
    candidate.names.includes(name ?? ''),
  );
  if (entry) return [entry];
  const versionOnly = argv.includes('--version') || argv.includes('-V');
  return versionOnly ? [] : COMMANDS;
}
