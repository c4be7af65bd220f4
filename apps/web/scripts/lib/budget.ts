import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Guardrails } from './guardrails';

export interface RouteBudget {
  route: string;
  bytes: number;
  limitBytes: number;
  chunks: number;
  over: boolean;
}

interface RouteStats {
  route: string;
  firstLoadChunkPaths: string[];
}

/**
 * First-load JavaScript per route, from the build's own account of which
 * chunks each route loads (.next/diagnostics/route-bundle-stats.json, written
 * by `next build` since 16), measured after compression the way a browser
 * downloads it.
 */
export function measureRoutes(
  webRoot: string,
  distDir: string,
  config: Guardrails['budget'],
): RouteBudget[] {
  const statsFile = join(
    webRoot,
    distDir,
    'diagnostics',
    'route-bundle-stats.json',
  );
  let stats: RouteStats[];
  try {
    stats = JSON.parse(readFileSync(statsFile, 'utf8')) as RouteStats[];
  } catch {
    throw new Error(
      `${statsFile}: missing or unreadable; run \`nx build web\` first (Next.js 16+ writes it).`,
    );
  }
  const sizes = new Map<string, number>();
  const sizeOf = (chunk: string) => {
    let size = sizes.get(chunk);
    if (size === undefined) {
      // Paths are recorded as ".next/static/..."; the build may live elsewhere.
      const relative = chunk.replace(/^\.next\//, '');
      size = compressedSize(
        readFileSync(join(webRoot, distDir, relative)),
        config.compression,
      );
      sizes.set(chunk, size);
    }
    return size;
  };
  return stats
    .map((entry) => {
      const bytes = entry.firstLoadChunkPaths.reduce(
        (sum, chunk) => sum + sizeOf(chunk),
        0,
      );
      const limitBytes = Math.round(
        (config.routes[entry.route] ?? config.defaultKb) * 1024,
      );
      return {
        route: entry.route,
        bytes,
        limitBytes,
        chunks: entry.firstLoadChunkPaths.length,
        over: bytes > limitBytes,
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

export function compressedSize(
  content: Buffer,
  compression: Guardrails['budget']['compression'],
): number {
  if (compression === 'gzip') return gzipSync(content, { level: 9 }).length;
  if (compression === 'brotli') return brotliCompressSync(content).length;
  return content.length;
}

export function formatBudget(
  rows: readonly RouteBudget[],
  compression: string,
): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  const width = Math.max(5, ...rows.map((row) => row.route.length));
  const lines = [
    `${'route'.padEnd(width)}  first-load JS (${compression})  limit      `,
  ];
  for (const row of rows) {
    const mark = row.over ? `OVER by ${kb(row.bytes - row.limitBytes)}` : 'ok';
    lines.push(
      `${row.route.padEnd(width)}  ${kb(row.bytes).padStart(10)}              ${kb(row.limitBytes).padStart(9)}  ${mark}`,
    );
  }
  return lines.join('\n');
}
