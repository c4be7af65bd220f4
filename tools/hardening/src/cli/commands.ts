import type { Command } from 'commander';
import { registerDbGuard } from '../db-guard/command.js';
import { registerValidateEnv } from '../validate-env/command.js';
import { registerAudit } from '../audit/command.js';
import { registerShardCommands } from '../shard/command.js';
import { registerRotate } from '../rotate/command.js';
import { registerHygieneCommand } from '../hygiene/command.js';
import { registerDrift } from '../drift/command.js';
import { registerScanCommand } from '../scan/command.js';

/**
 * Every `shipshape` subcommand, one registration per engine. Each engine's
 * `command.ts` adds its options and a thin action that calls the engine.
 */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [
  registerDbGuard,
  registerShardCommands,
  registerAudit,
  registerRotate,
  registerHygieneCommand,
  registerValidateEnv,
  registerDrift,
  registerScanCommand,
];
