import type { Command } from 'commander';

/**
 * Every `shipshape` subcommand, one registration per engine. Each engine's
 * `command.ts` adds its options and a thin action that calls the engine.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [];
