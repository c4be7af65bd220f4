import prettyBytes from 'pretty-bytes';

/**
 * Files and bytes done, redrawn on one line of an interactive stderr.
 * Silent in CI logs and pipes, where a redrawn line only adds noise.
 */
export function createProgress(
  total: { files: number; bytes: number },
  stream: NodeJS.WriteStream = process.stderr,
) {
  const enabled = Boolean(stream.isTTY) && !process.env.CI && total.files > 50;
  let files = 0;
  let bytes = 0;
  let last = 0;
  return {
    tick(doneBytes: number) {
      files++;
      bytes += doneBytes;
      const now = Date.now();
      if (!enabled || now - last < 100) return;
      last = now;
      stream.write(
        `\rscanning: ${files}/${total.files} files, ${prettyBytes(bytes)}/${prettyBytes(total.bytes)}   `,
      );
    },
    done() {
      if (enabled) stream.write('\r\x1b[K');
    },
  };
}
