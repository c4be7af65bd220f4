import { pino, type DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * A destination that prettifies each line in the calling thread and writes
 * it synchronously: no worker thread, nothing lost when the process exits.
 */
export function prettyDestination(
  target?: DestinationStream | NodeJS.WritableStream,
  colorize = isColorTerminal(target),
): DestinationStream {
  const prettify = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'service,env,version',
    singleLine: false,
  });
  const out = target ?? pino.destination({ dest: 1, sync: true });
  return {
    write(line: string) {
      const text = prettify(line);
      if (text) out.write(text);
    },
  };
}

function isColorTerminal(target?: unknown): boolean {
  const stream = (target ?? process.stdout) as { isTTY?: boolean };
  return Boolean(stream.isTTY) && !process.env['NO_COLOR'];
}
