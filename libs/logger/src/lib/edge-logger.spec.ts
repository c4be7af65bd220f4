import { readFileSync } from 'node:fs';
import { fakePostgresUrl, fakeSecret } from '../test/capture.js';
import { createEdgeLogger } from './edge-logger.js';

function capture(level = 'trace') {
  const lines: string[] = [];
  const logger = createEdgeLogger({
    service: 'edge',
    env: 'test',
    version: '1',
    level,
    write: (line) => void lines.push(line),
  });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l)) };
}

describe('createEdgeLogger', () => {
  it('writes the same fields as the pino logger', () => {
    const { logger, records } = capture();
    logger.child({ requestId: 'r1' }).info({ n: 1 }, 'count %d', 3);
    expect(records()[0]).toMatchObject({
      level: 'info',
      service: 'edge',
      env: 'test',
      version: '1',
      requestId: 'r1',
      n: 1,
      msg: 'count 3',
    });
    expect(typeof records()[0].time).toBe('string');
  });

  it('serialises errors and redacts like the main logger', () => {
    const { logger, lines, records } = capture();
    const password = fakeSecret('pw');
    logger.error(
      new Error(`failed ${fakePostgresUrl(password)}`, {
        cause: { apiKey: password },
      }),
    );
    logger.info({ headers: { Cookie: password } }, 'h');
    expect(lines.join('')).not.toContain(password);
    expect(records()[0].err.type).toBe('Error');
  });

  it('filters by level', () => {
    const { logger, lines } = capture('error');
    logger.warn('no');
    logger.error('yes');
    expect(lines).toHaveLength(1);
    expect(logger.isLevelEnabled('fatal')).toBe(true);
    expect(logger.isLevelEnabled('info')).toBe(false);
  });

  it('imports neither pino nor Node built-ins', () => {
    const files = [
      '../edge.ts',
      './edge-logger.ts',
      './request.ts',
      './defaults.ts',
      './redact/redact.ts',
      './redact/keys.ts',
    ];
    for (const file of files) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(source).not.toMatch(/from '(pino|node:|pino-pretty)/);
    }
  });
});
