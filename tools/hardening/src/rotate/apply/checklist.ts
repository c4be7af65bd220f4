import { createInterface } from 'node:readline';
import { ShipshapeError } from '../../errors.js';

/** Steps a person performs, shown as a list the command waits on. */
export interface Checklist {
  title: string;
  warning?: string;
  items: readonly string[];
}

export interface Prompter {
  /** refuse: no terminal and no --confirm-manual, so manual steps cannot run. */
  readonly kind: 'terminal' | 'confirmed' | 'refuse' | 'scripted';
  /** Resolves true once every item is done, false when the operator stops. */
  confirm(checklist: Checklist): Promise<boolean>;
}

export function renderChecklist(checklist: Checklist): string {
  const lines = [`\n${checklist.title}`];
  if (checklist.warning) lines.push(`  ! downtime: ${checklist.warning}`);
  checklist.items.forEach((item, index) =>
    lines.push(`  [ ] ${index + 1}. ${item}`),
  );
  return `${lines.join('\n')}\n`;
}

/** Asks item by item on a terminal; anything but y/yes stops the run. */
export function terminalPrompter(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Prompter {
  return {
    kind: 'terminal',
    async confirm(checklist) {
      output.write(renderChecklist(checklist));
      const rl = createInterface({ input, terminal: false });
      const lines = rl[Symbol.asyncIterator]();
      try {
        for (const [index, item] of checklist.items.entries()) {
          output.write(`  ${index + 1}. ${item}\n     done? [y/N] `);
          const answer = await lines.next();
          // End of input counts as "no": never assume a person said yes.
          if (answer.done || !/^y(es)?$/i.test(answer.value.trim()))
            return false;
        }
        return true;
      } finally {
        rl.close();
      }
    },
  };
}

/** --confirm-manual: the operator vouches the list is done; it is still printed. */
export function preconfirmedPrompter(
  output: NodeJS.WritableStream = process.stderr,
): Prompter {
  return {
    kind: 'confirmed',
    async confirm(checklist) {
      output.write(renderChecklist(checklist));
      output.write('  (confirmed by --confirm-manual)\n');
      return true;
    },
  };
}

/** Without a terminal and without --confirm-manual, manual steps cannot run. */
export function refusingPrompter(): Prompter {
  return {
    kind: 'refuse',
    async confirm(checklist) {
      throw new ShipshapeError(
        'BAD_OPTION',
        `--confirm-manual: "${checklist.title}" needs a person and stdin is not a terminal; run interactively or pass --confirm-manual once the checklist is done.`,
      );
    },
  };
}

export function choosePrompter(options: {
  confirmManual?: boolean;
  interactive: boolean;
}): Prompter {
  if (options.confirmManual) return preconfirmedPrompter();
  return options.interactive ? terminalPrompter() : refusingPrompter();
}
