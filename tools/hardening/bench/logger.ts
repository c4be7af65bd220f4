/**
 * pnpm bench:logger — lines per second through @shipshape/logger's
 * redaction preset versus bare pino with the same fields, on the same
 * payloads, in the same process. Target: the preset costs at most 2x.
 *
 * Lines go to a sink that drops them, so the figures are the loggers' own
 * cost (serialising, redacting), not the terminal's or the disk's. Strings
 * the catalog found clean are remembered (bounded), so repeated messages
 * are cheap; the "unique strings" payload shows the cost without that.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { createLogger } from '@shipshape/logger';

const LINES = Number(process.env['LOGGER_BENCH_LINES'] ?? 100_000);
const ROUNDS = 5;
const TARGET = 2;

const sink: DestinationStream = { write: () => undefined };

function bare(): Logger {
  return pino(
    {
      base: { service: 'bench', env: 'production', version: '1.0.0' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    sink,
  );
}

function pinoPaths(): Logger {
  return pino(
    {
      base: { service: 'bench', env: 'production', version: '1.0.0' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: [
        'headers.authorization',
        'headers.cookie',
        'user.email',
        '*.password',
      ],
    },
    sink,
  );
}

function shipshape(): Logger {
  return createLogger({
    service: 'bench',
    env: 'production',
    version: '1.0.0',
    level: 'info',
    pretty: false,
    destination: sink,
  });
}

const cause = new Error('connect ECONNREFUSED 10.0.0.5:5432');
const failure = Object.assign(new Error('query failed', { cause }), {
  code: '57P01',
});

type Payload = { name: string; write: (log: Logger, i: number) => void };

const PAYLOADS: Payload[] = [
  {
    name: 'message only',
    write: (log, i) => log.info(`cache warmed in ${i % 100} ms`),
  },
  {
    name: 'request line (5 fields)',
    write: (log, i) =>
      log.info(
        {
          requestId: 'req-8f2c',
          userId: i,
          route: '/api/orders',
          status: 200,
          durationMs: 12,
        },
        'request completed',
      ),
  },
  {
    name: 'headers + user (nested, secrets)',
    write: (log, i) =>
      log.info(
        {
          headers: {
            authorization: 'Bearer abc.def.ghi',
            cookie: 'sb=1',
            accept: 'text/html',
          },
          user: {
            id: i,
            email: 'someone@example.test',
            roles: ['member', 'billing'],
          },
        },
        'incoming',
      ),
  },
  {
    name: 'unique strings (cache misses)',
    write: (log, i) =>
      log.info(
        {
          orderId: `ord_${i}_${i * 7919}`,
          note: `customer asked for delivery slot ${i % 97}-${i}`,
        },
        `order ${i} saved for tenant ${i * 31}`,
      ),
  },
  {
    name: 'error with cause',
    write: (log) => log.error({ err: failure }, 'order save failed'),
  },
];

function linesPerSecond(make: () => Logger, payload: Payload): number {
  const log = make();
  for (let i = 0; i < 2_000; i++) payload.write(log, i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < LINES; i++) payload.write(log, i);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return LINES / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const format = (n: number) =>
  Math.round(n).toLocaleString('en-US').padStart(10);

process.stdout.write(
  `logger bench: ${LINES.toLocaleString('en-US')} lines x ${ROUNDS} rounds per case, median lines/s (Node ${process.version})\n\n`,
);
process.stdout.write(
  `${'payload'.padEnd(34)}${'bare pino'.padStart(10)}${'pino paths'.padStart(12)}${'shipshape'.padStart(11)}   cost\n`,
);
let worst = 0;
for (const payload of PAYLOADS) {
  const runs = {
    bare: [] as number[],
    paths: [] as number[],
    ours: [] as number[],
  };
  // Interleaved rounds: drift in machine load hits every case alike.
  for (let round = 0; round < ROUNDS; round++) {
    runs.bare.push(linesPerSecond(bare, payload));
    runs.paths.push(linesPerSecond(pinoPaths, payload));
    runs.ours.push(linesPerSecond(shipshape, payload));
  }
  const cost = median(runs.bare) / median(runs.ours);
  worst = Math.max(worst, cost);
  process.stdout.write(
    `${payload.name.padEnd(34)}${format(median(runs.bare))}${format(median(runs.paths)).padStart(12)}` +
      `${format(median(runs.ours)).padStart(11)}   ${cost.toFixed(2)}x\n`,
  );
}
const verdict = worst <= TARGET ? 'within' : 'OVER';
process.stdout.write(
  `\nworst cost of the redaction preset: ${worst.toFixed(2)}x bare pino (${verdict} the ${TARGET}x target)\n`,
);
