import { isAbsolute, join, relative } from 'node:path';
import type { Command } from 'commander';
import {
  reportingAction,
  withOutputOptions,
  type CommandContext,
} from '../cli/command.js';
import type { Report } from '../report/index.js';
import { choosePrompter } from './apply/checklist.js';
import {
  applyRotations,
  preflight,
  selectRotations,
  type Preflight,
  type RotateOptions,
} from './engine.js';
import { renderPlans, renderResults, summary } from './plan/render.js';
import { ShipshapeError } from '../errors.js';
import {
  appendLedger,
  DEFAULT_LEDGER_FILE,
  hashSecret,
} from '../ledger/index.js';
import { checkRevoked } from './check.js';
import { blocked, makeReport, resultFindings, RULES } from './report.js';

interface PlanFlags {
  inventory?: string;
  all?: boolean;
}

interface RecordFlags {
  valueEnv: string;
  ledger?: string;
  date?: string;
}

interface CheckFlags {
  ledger?: string;
  includeIgnored?: boolean;
  baseline?: string;
  since?: string;
  history?: boolean;
}

interface ApplyFlags extends PlanFlags {
  yes?: boolean;
  resume?: boolean;
  rollback?: boolean;
  confirmManual?: boolean;
  atRisk?: boolean;
}

const PLAN_HELP = `
Examples:
  $ shipshape rotate plan                      plans for every at-risk secret
  $ shipshape rotate plan RESEND_API_KEY       the plan for one secret
  $ shipshape rotate plan --all --format json  every secret, for machines`;

const CHECK_HELP = `
Examples:
  $ shipshape rotate check                          files and every commit
  $ shipshape rotate check --since origin/main      files and new commits only
  $ shipshape rotate check --format sarif --output revoked.sarif

Runs the scan engine with --revoked on the tree and on the history and keeps
only revoked-secret findings. Exit codes: 0 none left, 1 found, 2 could not run.`;

const RECORD_HELP = `
Example:
  $ OLD_KEY=... shipshape rotate record RESEND_API_KEY --value-env OLD_KEY

Only the SHA-256 is written; \`rotate check\` then proves the value is gone.`;

const APPLY_HELP = `
Examples:
  $ shipshape rotate apply RESEND_API_KEY              dry run: checks, changes nothing
  $ shipshape rotate apply RESEND_API_KEY --yes        rotate it
  $ shipshape rotate apply RESEND_API_KEY --resume --yes    continue an interrupted run
  $ shipshape rotate apply RESEND_API_KEY --rollback --yes  undo an interrupted run

Exit codes: 0 done (or dry run ready), 1 rolled back / stopped / blocked, 2 could not run.`;

/** `shipshape rotate plan|apply`: staging-first rotation with rollback. */
export function registerRotate(program: Command): void {
  const rotate = program
    .command('rotate')
    .description(
      'rotate leaked or aging secrets staging-first, with verification, rollback and a leak ledger',
    );

  withOutputOptions(
    rotate
      .command('plan')
      .description(
        'show the ordered steps (and their rollback) for one secret or every at-risk one',
      )
      .argument(
        '[secrets...]',
        'secret names from the inventory (default: the at-risk ones)',
      )
      .option(
        '--inventory <file>',
        'the secrets inventory (default .shipshape/secrets.yaml)',
      )
      .option('--all', 'plan every secret, not only the at-risk ones')
      .addHelpText('after', PLAN_HELP),
  ).action(
    reportingAction<PlanFlags>(async (flags, args, context) =>
      runPlan(flags, args, context),
    ),
  );

  withOutputOptions(
    rotate
      .command('check')
      .description(
        'fail if any value in the leak ledger still appears in the files or the git history',
      )
      .option(
        '--ledger <file>',
        `the revoked-secrets ledger (default ${DEFAULT_LEDGER_FILE})`,
      )
      .option('--since <rev>', 'only scan commits after REV')
      .option('--no-history', 'scan the files only')
      .option(
        '--include-ignored',
        'also scan files git ignores (.env.local and the like)',
      )
      .option(
        '--baseline <file>',
        'a scan baseline: occurrences listed there do not fail',
      )
      .addHelpText('after', CHECK_HELP),
  ).action(
    reportingAction<CheckFlags>(async (flags, _args, context) => {
      const { report, rules } = await checkRevoked({
        root: context.cwd,
        ledger: flags.ledger ?? DEFAULT_LEDGER_FILE,
        since: flags.since,
        history: flags.history,
        baseline: flags.baseline,
        includeIgnored: flags.includeIgnored,
        logger: context.logger,
      });
      return { report, rules };
    }),
  );

  rotate
    .command('record')
    .description(
      'add a value rotated outside shipshape to the leak ledger (its SHA-256 only)',
    )
    .argument(
      '<name>',
      'the secret name to record (letters, digits, _ . : / @ -)',
    )
    .requiredOption(
      '--value-env <var>',
      'the environment variable holding the revoked value (never pass a value as an argument)',
    )
    .option('--ledger <file>', `the ledger (default ${DEFAULT_LEDGER_FILE})`)
    .option('--date <date>', 'the revocation date (default today, UTC)')
    .addHelpText('after', RECORD_HELP)
    .action((name: string, flags: RecordFlags) => {
      const appended = recordRevoked(process.cwd(), name, flags, process.env);
      process.stdout.write(
        appended
          ? `shipshape rotate: recorded ${name} in ${flags.ledger ?? DEFAULT_LEDGER_FILE}\n`
          : `shipshape rotate: ${name}'s value is already in the ledger\n`,
      );
    });

  withOutputOptions(
    rotate
      .command('apply')
      .description(
        'run the plan: a dry run unless --yes; journaled so it can resume or roll back',
      )
      .argument('[secrets...]', 'secret names from the inventory')
      .option(
        '--inventory <file>',
        'the secrets inventory (default .shipshape/secrets.yaml)',
      )
      .option('--at-risk', 'apply every at-risk secret, one after another')
      .option('--yes', 'make the changes (without it nothing is changed)')
      .option('--resume', 'continue the unfinished run recorded in the journal')
      .option('--rollback', 'undo the unfinished run recorded in the journal')
      .option(
        '--confirm-manual',
        'treat manual checklists as done (needed without a terminal)',
      )
      .addHelpText('after', APPLY_HELP),
  ).action(
    reportingAction<ApplyFlags>(async (flags, args, context) =>
      runApply(flags, args, context),
    ),
  );
}

function baseOptions(
  flags: PlanFlags & { confirmManual?: boolean },
  args: string[],
  context: CommandContext,
): RotateOptions {
  return {
    root: context.cwd,
    inventoryFile: flags.inventory,
    names: args,
    all: flags.all,
    env: process.env,
    logger: context.logger,
    prompter: choosePrompter({
      confirmManual: flags.confirmManual,
      interactive: Boolean(process.stdin.isTTY),
    }),
  };
}

async function runPlan(
  flags: PlanFlags,
  args: string[],
  context: CommandContext,
) {
  const started = Date.now();
  const selection = selectRotations(baseOptions(flags, args, context));
  const where =
    relative(context.cwd, selection.inventoryFile) || selection.inventoryFile;
  const findings = selection.plans.flatMap((plan) =>
    blocked(plan.secret, plan.problems, where),
  );
  const report = makeReport('rotate plan', findings, started, {
    plans: selection.plans,
  });
  const what =
    selection.plans.length === 0
      ? 'no secret is at risk (use --all to plan every one)'
      : `${selection.plans.length} plan(s)`;
  return {
    report,
    rules: RULES,
    text: (r: Report) => `${renderPlans(selection.plans)}${summary(r, what)}\n`,
  };
}

async function runApply(
  flags: ApplyFlags,
  args: string[],
  context: CommandContext,
) {
  const started = Date.now();
  if (flags.resume && flags.rollback) {
    throw new ShipshapeError(
      'BAD_OPTION',
      '--resume and --rollback: choose one.',
    );
  }
  if (args.length === 0 && !flags.atRisk) {
    throw new ShipshapeError(
      'BAD_OPTION',
      'rotate apply: name the secret(s) to rotate, or pass --at-risk.',
    );
  }
  const options = baseOptions({ ...flags, all: false }, args, context);
  const selection = selectRotations(options);
  const where =
    relative(context.cwd, selection.inventoryFile) || selection.inventoryFile;
  const mode = flags.resume ? 'resume' : flags.rollback ? 'rollback' : 'fresh';

  if (!flags.yes) {
    const checks: Preflight[] = [];
    for (const [index, rotation] of selection.rotations.entries()) {
      checks.push(await preflight(rotation, selection.plans[index]));
    }
    const findings = checks.flatMap((check) =>
      blocked(check.secret, check.problems, where),
    );
    const report = makeReport('rotate apply', findings, started, {
      dryRun: true,
      plans: selection.plans,
      preflight: checks,
    });
    const heading = `dry run (${mode}): nothing was changed; pass --yes to apply`;
    return {
      report,
      rules: RULES,
      text: (r: Report) =>
        `${renderPlans(selection.plans, heading)}${summary(r, 'dry run')}\n`,
    };
  }

  const controller = new AbortController();
  const onSignal = () => {
    process.stderr.write(
      'shipshape rotate: stopping after the current step (press Ctrl-C again to force)\n',
    );
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  try {
    const results = await applyRotations(selection, {
      ...options,
      mode,
      signal: controller.signal,
    });
    const findings = results.flatMap((result) =>
      resultFindings(result, context.cwd),
    );
    const report = makeReport('rotate apply', findings, started, {
      rotations: results,
    });
    const what =
      results.map((result) => `${result.secret} ${result.status}`).join(', ') ||
      'nothing selected';
    return {
      report,
      rules: RULES,
      text: (r: Report) => `${renderResults(results)}${summary(r, what)}\n`,
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

/** Records a value revoked by hand; reads it from an env var, never argv. */
export function recordRevoked(
  root: string,
  name: string,
  flags: RecordFlags,
  env: NodeJS.ProcessEnv,
): boolean {
  const value = env[flags.valueEnv];
  if (!value) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--value-env ${flags.valueEnv}: that variable is empty; export the revoked value there first.`,
    );
  }
  if (flags.date && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) {
    throw new ShipshapeError('BAD_OPTION', '--date: use YYYY-MM-DD.');
  }
  const ledger = flags.ledger ?? DEFAULT_LEDGER_FILE;
  return appendLedger(isAbsolute(ledger) ? ledger : join(root, ledger), {
    sha256: hashSecret(value),
    name,
    date: flags.date,
  });
}
