import type { Command } from 'commander';
import { registerShardCommands } from '../shard/command.js';

/**
 * Every `shipshape` subcommand, one registration per engine. Each engine's
 * `command.ts` adds its options and a thin action that calls the engine.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerShardCommands,
];
