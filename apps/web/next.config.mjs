// @ts-check
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Test-only routes are named `route.dev.ts`: the `dev.ts` extension is
 * known to the development server only, so production builds never compile
 * them. Workspace libraries resolve to their built dist (`nx build web`
 * builds them first); pino stays a Node require, not a bundle.
 *
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
export default function nextConfig(phase) {
  const dev = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    pageExtensions: dev ? ['dev.ts', 'tsx', 'ts'] : ['tsx', 'ts'],
    distDir: process.env.SHIPSHAPE_NEXT_DIST_DIR || '.next',
    poweredByHeader: false,
    // `next dev` would otherwise write an AGENTS.md into the app folder.
    agentRules: false,
    experimental: { agentUpgrade: false },
    reactStrictMode: true,
    turbopack: { root: join(here, '..', '..') },
    transpilePackages: [
      '@shipshape/env',
      '@shipshape/logger',
      '@shipshape/secrets',
    ],
    serverExternalPackages: ['pino', 'pino-pretty', 'thread-stream'],
    async headers() {
      return [
        {
          source: '/:path*',
          headers: [
            { key: 'X-Content-Type-Options', value: 'nosniff' },
            {
              key: 'Referrer-Policy',
              value: 'strict-origin-when-cross-origin',
            },
            { key: 'X-Frame-Options', value: 'DENY' },
          ],
        },
      ];
    },
  };
}
