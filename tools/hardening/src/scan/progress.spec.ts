import { createProgress } from './progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    writes,
    stream: {
      isTTY,
      write: (chunk: string) => writes.push(chunk),
    } as unknown as NodeJS.WriteStream,
  };
}

describe('progress', () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it('draws files and bytes on an interactive stderr outside CI', () => {
    delete process.env.CI;
    const tty = stream(true);
    const progress = createProgress({ files: 100, bytes: 2048 }, tty.stream);
    progress.tick(1024);
    progress.done();
    expect(tty.writes[0]).toMatch(/scanning: 1\/100 files, 1.02 kB\/2.05 kB/);
    expect(tty.writes.at(-1)).toBe('\r\x1b[K');
  });

  it('stays quiet in pipes and CI logs', () => {
    const pipe = stream(false);
    createProgress({ files: 100, bytes: 1 }, pipe.stream).tick(1);
    process.env.CI = 'true';
    const ciTty = stream(true);
    createProgress({ files: 100, bytes: 1 }, ciTty.stream).tick(1);
    expect([...pipe.writes, ...ciTty.writes]).toEqual([]);
  });
});
