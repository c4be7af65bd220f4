import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureLogger, fakePostgresUrl, fakeSecret } from '../test/capture.js';

describe('createLogger', () => {
  it('writes one JSON line with the shared fields', () => {
    const { logger, last } = captureLogger();
    logger
      .child({ requestId: 'req-1' })
      .info({ userId: 7 }, 'hello %s', 'world');
    const line = last();
    expect(Object.keys(line).slice(0, 5)).toEqual([
      'level',
      'time',
      'service',
      'env',
      'version',
    ]);
    expect(line).toMatchObject({
      level: 'info',
      service: 'test',
      env: 'test',
      version: '1.2.3',
      requestId: 'req-1',
      userId: 7,
      msg: 'hello world',
    });
    expect(new Date(String(line['time'])).toISOString()).toBe(line['time']);
  });

  it('structures errors with type, message, stack and code', () => {
    const { logger, last } = captureLogger();
    const err = Object.assign(new RangeError('out of range'), {
      code: 'E_RANGE',
    });
    logger.error(err);
    logger.error({ err }, 'with message');
    const line = last() as { err: Record<string, unknown>; msg: string };
    expect(line.msg).toBe('with message');
    expect(line.err).toMatchObject({
      type: 'RangeError',
      message: 'out of range',
      code: 'E_RANGE',
    });
    expect(String(line.err['stack'])).toContain('RangeError: out of range');
  });

  it('reads LOG_LEVEL in any casing and ignores a value that is no level', () => {
    const previous = process.env['LOG_LEVEL'];
    try {
      process.env['LOG_LEVEL'] = 'WARN';
      expect(captureLogger({ level: undefined }).logger.level).toBe('warn');
      process.env['LOG_LEVEL'] = 'verbose';
      expect(captureLogger({ level: undefined }).logger.level).toBe('info');
    } finally {
      if (previous === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = previous;
    }
  });

  it('respects the level', () => {
    const { logger, lines } = captureLogger({ level: 'warn' });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  describe('never writes a secret', () => {
    const password = fakeSecret('pw');
    const url = fakePostgresUrl(password);
    const token = fakeSecret('tok');
    const cases: Array<
      [string, (log: ReturnType<typeof captureLogger>['logger']) => void]
    > = [
      ['in the message', (log) => log.info(`connecting to ${url}`)],
      [
        'in an interpolated message',
        (log) => log.info('connecting to %s', url),
      ],
      ['in a merged field', (log) => log.info({ target: url }, 'connect')],
      [
        'under a sensitive key',
        (log) => log.info({ Authorization: `Bearer ${token}` }),
      ],
      [
        'deep in arrays',
        (log) => log.info({ a: [{ b: [{ ApiKey: token }] }] }),
      ],
      [
        'in request headers',
        (log) => log.info({ headers: new Headers({ cookie: `s=${token}` }) }),
      ],
      ['in child bindings', (log) => log.child({ token }).info('child')],
      ['in an error message', (log) => log.error(new Error(`bad ${url}`))],
      [
        'in an error cause',
        (log) =>
          log.error(
            {
              err: new Error('query failed', { cause: new Error(`at ${url}`) }),
            },
            'x',
          ),
      ],
      [
        'in an error property',
        (log) => log.error(Object.assign(new Error('e'), { secret: token })),
      ],
      [
        'in a nested error',
        (log) => log.warn({ result: { error: new Error(url) } }, 'nested'),
      ],
      [
        'in a localhost URL',
        (log) =>
          log.info(
            `dev db at ${url.replace('db.example.test:5432', 'localhost:5432')}`,
          ),
      ],
    ];
    it.each(cases)('%s', (_name, write) => {
      const capture = captureLogger();
      write(capture.logger);
      const text = capture.text();
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(password);
      expect(text).not.toContain(token);
    });
  });

  it('prints pretty lines in-process when asked, still redacted', () => {
    const lines: string[] = [];
    const { logger } = captureLogger({
      pretty: true,
      destination: { write: (line: string) => void lines.push(line) },
    });
    const token = fakeSecret('tok');
    logger.info({ token }, 'pretty line');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('pretty line');
    expect(lines[0]).not.toContain(token);
    expect(() => JSON.parse(lines[0])).toThrow();
  });

  it('keeps lines written right before process.exit and a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logger-exit-'));
    const script = join(dir, 'run.mts');
    writeFileSync(
      script,
      [
        `import { createLogger } from ${JSON.stringify(new URL('../index.ts', import.meta.url).pathname)};`,
        `const log = createLogger({ service: 'exit-test', pretty: false });`,
        `for (let i = 0; i < 200; i++) log.info({ i }, 'line');`,
        `if (process.argv[2] === 'crash') { log.fatal('about to crash'); throw new Error('boom'); }`,
        `log.info('last'); process.exit(3);`,
      ].join('\n'),
    );
    const tsx = [
      '--import',
      'tsx',
      '--conditions',
      '@shipshape/source',
      script,
    ];
    for (const mode of ['exit', 'crash']) {
      const run = spawnSync(process.execPath, [...tsx, mode], {
        encoding: 'utf8',
        cwd: process.cwd(),
      });
      const out = run.stdout.trim().split('\n');
      expect(run.stderr).toContain(mode === 'crash' ? 'boom' : '');
      expect(out).toHaveLength(201);
      expect(run.status).not.toBe(0);
    }
    expect(execFileSync(process.execPath, ['--version']).toString()).toMatch(
      /^v/,
    );
  }, 60_000);
});
