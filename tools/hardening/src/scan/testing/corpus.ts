import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeFactory } from '@shipshape/secrets/testing';

/** One planted secret the scanner must report, as data. */
export interface Expected {
  file: string;
  ruleId: string;
  line: number;
}

export interface Corpus {
  files: Record<string, string | Buffer>;
  expected: Expected[];
  /** Every planted value, to prove none of them is ever printed whole. */
  planted: string[];
}

/**
 * Realistic files with fake but format-valid secrets and tricky negatives.
 * Values are generated at test time; nothing secret-shaped is committed.
 */
export function buildCorpus(seed = 'corpus'): Corpus {
  const f = fakeFactory(seed);
  const v = {
    serviceRole: f.supabaseServiceRole(),
    anon: f.supabaseAnon(),
    sbSecret: f.supabaseSecret(),
    dbUrl: f.supabaseDbUrl(),
    resend: f.resend(),
    stripe: f.stripeSecret(),
    webhook: f.stripeWebhook(),
    github: f.githubClassic(),
    awsId: f.awsAccessKeyId(),
    awsSecret: f.awsSecretKey(),
    openai: f.openai(),
    anthropic: f.anthropic(),
    slackHook: f.slackWebhook(),
    npm: f.npm(),
    sendgrid: f.sendgrid(),
    pem: f.privateKey(),
    password: f.password(),
    jwtSecret: f.highEntropy(48),
    pat: f.supabasePat(),
    google: f.googleApiKey(),
  };
  const files: Record<string, string> = {
    '.env.production': [
      '# Supabase',
      `NEXT_PUBLIC_SUPABASE_ANON_KEY=${v.anon}`,
      `SUPABASE_SERVICE_ROLE_KEY=${v.serviceRole}`,
      `SUPABASE_SECRET_KEY=${v.sbSecret}`,
      `DATABASE_URL=${v.dbUrl}`,
      `SUPABASE_JWT_SECRET=${v.jwtSecret}`,
      'STRIPE_SECRET_KEY=${STRIPE_SECRET_KEY}',
      '',
    ].join('\r\n'),
    'src/lib/mail.ts': [
      "import { Resend } from 'resend';",
      `const resend = new Resend('${v.resend}');`,
      'export const stripeKey = process.env.STRIPE_SECRET_KEY;',
      `const split = 'sk_live_' + '${v.stripe.slice(8)}';`,
      '',
    ].join('\n'),
    'config/app.json': JSON.stringify(
      {
        github: { token: v.github },
        uuid: '123e4567-e89b-12d3-a456-426614174000',
      },
      null,
      2,
    ),
    '.github/workflows/deploy.yml': [
      'env:',
      '  VERCEL_TOKEN: ${{ secrets.VERCEL_TOKEN }}',
      `  AWS_ACCESS_KEY_ID: ${v.awsId}`,
      `  AWS_SECRET_ACCESS_KEY: ${v.awsSecret}`,
      '',
    ].join('\n'),
    'docs/setup.md': [
      '# Setup',
      'Use `AKIAIOSFODNN7EXAMPLE` as in the AWS docs.',
      'DATABASE_URL=postgresql://postgres:[YOUR-PASSWORD]@db.abcdefghijklmnopqrst.supabase.co:5432/postgres',
      `Slack alerts go to ${v.slackHook}`,
      '',
    ].join('\n'),
    Dockerfile: [
      'FROM node:20',
      `ENV OPENAI_API_KEY=${v.openai}`,
      'RUN pnpm install',
      '',
    ].join('\n'),
    'compose.yaml': [
      'services:',
      '  db:',
      '    environment:',
      `      POSTGRES_PASSWORD: "${v.password}"`,
      '',
    ].join('\n'),
    'scripts/deploy.sh': [
      '#!/bin/sh',
      `export ANTHROPIC_API_KEY="${v.anthropic}"`,
      `npm config set //registry.npmjs.org/:_authToken ${v.npm}`,
      '',
    ].join('\n'),
    'tools/send.py': [
      'import os',
      `SENDGRID = "${v.sendgrid}"`,
      'password = os.environ["DB_PASSWORD"]',
      '',
    ].join('\n'),
    'k8s/secret.yaml': [
      'kind: Secret',
      'data:',
      `  token: ${Buffer.from(v.pat).toString('base64')}`,
      '',
    ].join('\n'),
    'certs/key.json': JSON.stringify({ private_key: v.pem }),
    'notebooks/explore.ipynb': JSON.stringify(
      {
        cells: [
          {
            cell_type: 'code',
            source: ['import os\n', `KEY = "${v.google}"\n`],
            outputs: [
              {
                output_type: 'display_data',
                data: {
                  'image/png': Buffer.from('x'.repeat(300) + v.google).toString(
                    'base64',
                  ),
                },
              },
            ],
          },
        ],
      },
      null,
      1,
    ),
    'pnpm-lock.yaml': [
      'packages:',
      '  /left-pad@1.3.0:',
      `    resolution: {integrity: sha512-${f.highEntropy(86)}==}`,
      '',
    ].join('\n'),
    'web/public/logo.svg.txt': `<img src="data:image/png;base64,${Buffer.from(v.stripe).toString('base64')}">`,
    'src/allowed.ts': `const fixture = '${f.stripeSecret()}'; // shipshape:allow`,
  };
  const expected: Expected[] = [
    { file: '.env.production', ruleId: 'supabase-service-role-key', line: 3 },
    { file: '.env.production', ruleId: 'supabase-secret-key', line: 4 },
    { file: '.env.production', ruleId: 'supabase-db-url', line: 5 },
    { file: '.env.production', ruleId: 'supabase-jwt-secret', line: 6 },
    {
      file: '.github/workflows/deploy.yml',
      ruleId: 'aws-access-key-id',
      line: 3,
    },
    {
      file: '.github/workflows/deploy.yml',
      ruleId: 'aws-secret-access-key',
      line: 4,
    },
    { file: 'Dockerfile', ruleId: 'openai-api-key', line: 2 },
    { file: 'certs/key.json', ruleId: 'private-key', line: 1 },
    { file: 'compose.yaml', ruleId: 'generic-secret', line: 4 },
    { file: 'config/app.json', ruleId: 'github-token', line: 3 },
    { file: 'docs/setup.md', ruleId: 'slack-webhook', line: 4 },
    { file: 'k8s/secret.yaml', ruleId: 'supabase-access-token', line: 3 },
    { file: 'notebooks/explore.ipynb', ruleId: 'google-api-key', line: 7 },
    { file: 'scripts/deploy.sh', ruleId: 'anthropic-api-key', line: 2 },
    { file: 'scripts/deploy.sh', ruleId: 'npm-token', line: 3 },
    { file: 'src/lib/mail.ts', ruleId: 'resend-api-key', line: 2 },
    { file: 'src/lib/mail.ts', ruleId: 'stripe-secret-key', line: 4 },
    { file: 'tools/send.py', ruleId: 'sendgrid-api-key', line: 2 },
  ];
  return { files, expected, planted: Object.values(v) };
}

export function writeTree(
  root: string,
  files: Record<string, string | Buffer>,
): void {
  for (const [rel, body] of Object.entries(files)) {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, body);
  }
}
