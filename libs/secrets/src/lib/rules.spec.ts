import { fakeFactory } from '../testing.js';
import { findSecrets } from './find.js';
import { BUILTIN_RULES } from './rules.js';
import { redactSecrets } from './redact.js';

const f = fakeFactory('rules-spec');

// [rule, text that must be found, text that must not]
const CASES: Array<[string, () => string, () => string]> = [
  [
    'supabase-service-role-key',
    () => `SUPABASE_SERVICE_ROLE_KEY=${f.supabaseServiceRole()}`,
    () => `NEXT_PUBLIC_SUPABASE_ANON_KEY=${f.supabaseAnon()}`,
  ],
  [
    'supabase-service-role-key',
    () => `key: "${f.supabaseServiceRole()}"`,
    () => `SERVICE_ROLE_KEY=${f.supabaseDemo()}`,
  ],
  [
    'supabase-secret-key',
    () => `SUPABASE_SECRET_KEY=${f.supabaseSecret()}`,
    () => `SUPABASE_PUBLISHABLE_KEY=${f.supabasePublishable()}`,
  ],
  [
    'supabase-access-token',
    () => `SUPABASE_ACCESS_TOKEN=${f.supabasePat()}`,
    () => `token: sbp_${'x'.repeat(40)}`,
  ],
  [
    'supabase-db-url',
    () => `DATABASE_URL=${f.supabaseDbUrl()}`,
    () => `DATABASE_URL=${f.supabaseDbUrl('[YOUR-PASSWORD]')}`,
  ],
  [
    'supabase-db-url',
    () => `DIRECT_URL="${f.supabasePoolerUrl()}"`,
    () => `DIRECT_URL="${f.supabasePoolerUrl('${DB_PASSWORD}')}"`,
  ],
  [
    'supabase-jwt-secret',
    () => `SUPABASE_JWT_SECRET=${f.highEntropy(40)}`,
    () =>
      `SUPABASE_JWT_SECRET=super-secret-jwt-token-with-at-least-32-characters-long`,
  ],
  [
    'resend-api-key',
    () => `RESEND_API_KEY=${f.resend()}`,
    () => `RESEND_API_KEY=re_xxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxx`,
  ],
  [
    'stripe-secret-key',
    () => `stripe(${JSON.stringify(f.stripeSecret())})`,
    () => `STRIPE_PUBLISHABLE_KEY=${f.stripePublishable()}`,
  ],
  [
    'stripe-restricted-key',
    () => `STRIPE_KEY=${f.stripeRestricted()}`,
    () => `rk_live_<your-key>`,
  ],
  [
    'stripe-webhook-secret',
    () => `STRIPE_WEBHOOK_SECRET=${f.stripeWebhook()}`,
    () => `STRIPE_WEBHOOK_SECRET=whsec_...`,
  ],
  [
    'github-token',
    () => `GITHUB_TOKEN=${f.githubClassic()}`,
    () => `GITHUB_TOKEN=${f.githubBadChecksum()}`,
  ],
  [
    'github-token',
    () => `token ${f.githubApp()}`,
    () => `ghp_${'a'.repeat(20)}`,
  ],
  [
    'github-fine-grained-token',
    () => `GH_PAT=${f.githubFineGrained()}`,
    () => `github_pat_short_one`,
  ],
  [
    'aws-access-key-id',
    () => `aws_access_key_id = ${f.awsAccessKeyId()}`,
    () => `aws_access_key_id = AKIAIOSFODNN7EXAMPLE`,
  ],
  [
    'aws-secret-access-key',
    () => `aws_secret_access_key = ${f.awsSecretKey()}`,
    () => `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
  ],
  [
    'google-api-key',
    () => `apiKey: "${f.googleApiKey()}"`,
    () => `apiKey: "AIza-too-short"`,
  ],
  [
    'gcp-service-account',
    () => `{"type": "service_account", "private_key_id": "${f.hex(40)}"}`,
    () => `{"private_key_id": "<id>"}`,
  ],
  [
    'slack-token',
    () => `SLACK_BOT_TOKEN=${f.slackBot()}`,
    () => `SLACK_BOT_TOKEN=xoxb-your-token-here`,
  ],
  [
    'slack-webhook',
    () => `url: ${f.slackWebhook()}`,
    () => `url: https://hooks.slack.com/services/XXX/YYY/ZZZ`,
  ],
  [
    'npm-token',
    () => `NPM_TOKEN=${f.npm()}`,
    () => `NPM_TOKEN=npm_${'x'.repeat(36)}`,
  ],
  [
    'npmrc-auth-token',
    () => `//registry.npmjs.org/:_authToken=${f.alnum(20)}-${f.alnum(10)}`,
    () => '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
  ],
  [
    'openai-api-key',
    () => `OPENAI_API_KEY=${f.openai()}`,
    () => `OPENAI_API_KEY=sk-proj-your-key-here`,
  ],
  [
    'anthropic-api-key',
    () => `ANTHROPIC_API_KEY=${f.anthropic()}`,
    () => `ANTHROPIC_API_KEY=sk-ant-api03-xxxx`,
  ],
  [
    'vercel-token',
    () => `VERCEL_TOKEN=${f.vercel()}`,
    () => `VERCEL_TOKEN=\${{ secrets.VERCEL_TOKEN }}`,
  ],
  [
    'sendgrid-api-key',
    () => `SENDGRID_API_KEY=${f.sendgrid()}`,
    () => `SENDGRID_API_KEY=SG.xxxxx`,
  ],
  [
    'twilio-api-key',
    () => `TWILIO_AUTH_TOKEN=${f.twilioToken()}`,
    () => `TWILIO_AUTH_TOKEN=your_auth_token`,
  ],
  [
    'private-key',
    () => f.privateKey(),
    () => '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
  ],
  [
    'private-key',
    () =>
      JSON.stringify({
        private_key: f
          .privateKey('')
          .replace('BEGIN  ', 'BEGIN ')
          .replace('END  ', 'END '),
      }),
    () => '"-----BEGIN PUBLIC KEY-----\\nMIIB\\n-----END PUBLIC KEY-----"',
  ],
  [
    'url-credentials',
    () => `REDIS_URL=redis://default:${f.password()}@redis.internal.io:6379`,
    () => `REDIS_URL=redis://user:password@localhost:6379`,
  ],
  [
    'next-public-secret',
    () => `NEXT_PUBLIC_STRIPE_SECRET=${f.highEntropy(32)}`,
    () => `NEXT_PUBLIC_STRIPE_SECRET=process.env.STRIPE_SECRET`,
  ],
  [
    'generic-secret',
    () => `const apiKey = "${f.highEntropy(32)}";`,
    () =>
      `const apiKey = "${'0123e4567-e89b-12d3-a456-426614174000'.slice(1)}";`,
  ],
  [
    'generic-secret',
    () => `password: ${f.password()}`,
    () => `password: changeme`,
  ],
  [
    'generic-secret',
    () => `db_password = "${f.password()}"`,
    () => `"integrity": "sha512-${f.highEntropy(60)}"`,
  ],
  [
    'supabase-db-url',
    () => `url: '${f.supabaseDbUrl()}'`,
    () =>
      `url: 'postgresql://postgres:x@db.abcdefghijklmnopqrst.supabase.co:5432/postgres'`,
  ],
  [
    'generic-secret',
    () => `AUTH_TOKEN: '${f.highEntropy(24)}'`,
    () => `GIT_AUTHOR_EMAIL: 'test@shipshape.invalid'`,
  ],
];

describe('built-in rules', () => {
  it.each(CASES)(
    '%s finds the positive and not the negative',
    (id, positive, negative) => {
      const hits = findSecrets(positive());
      expect(hits.map((hit) => hit.ruleId)).toContain(id);
      expect(findSecrets(negative()).map((hit) => hit.ruleId)).not.toContain(
        id,
      );
    },
  );

  it('covers every built-in rule with a case', () => {
    const covered = new Set(CASES.map(([id]) => id));
    const missing = BUILTIN_RULES.map((rule) => rule.id).filter(
      (id) => !covered.has(id) && id !== 'twilio-api-key-sid',
    );
    expect(missing).toEqual([]);
  });

  it('rates a service_role JWT critical and ignores the anon key', () => {
    const text = `a=${f.supabaseAnon()}\nb=${f.supabaseServiceRole()}`;
    const hits = findSecrets(text);
    expect(hits).toHaveLength(1);
    expect(hits[0].severity).toBe('critical');
  });

  it('lets a specific rule win over the generic one', () => {
    const hits = findSecrets(`token = "${f.githubClassic()}"`);
    expect(hits.map((hit) => hit.ruleId)).toEqual(['github-token']);
  });

  it('redacts every secret and keeps the rest', () => {
    const secret = f.stripeSecret();
    const url = 'postgres://app:' + f.password() + '@db.internal.io/app';
    const out = redactSecrets(`charge with ${secret} via ${url}`);
    expect(out).not.toContain(secret);
    expect(out).toContain('charge with [REDACTED]');
    expect(out).toContain('postgres://app:[REDACTED]@db.internal.io');
  });

  it('finishes quickly on adversarial input', () => {
    const inputs = [
      'a'.repeat(200_000),
      'password='.repeat(20_000),
      '-----BEGIN RSA PRIVATE KEY-----' + 'A'.repeat(200_000),
      'x://' + 'a:'.repeat(50_000),
      'eyJ' + 'a'.repeat(100_000) + '.eyJ' + 'b'.repeat(100_000),
      'NEXT_PUBLIC_' + 'A_'.repeat(50_000),
      `${'token'.repeat(10_000)}=${'z'.repeat(10_000)}`,
    ];
    for (const input of inputs) findSecrets(input);
  }, 20_000);
});

describe('generic-secret names and block locations', () => {
  const generic = (text: string) =>
    findSecrets(text)
      .filter((m) => m.ruleId === 'generic-secret')
      .map((m) => m.name);

  it('accepts the word as a whole identifier segment', () => {
    const v = () => f.highEntropy(24);
    expect(
      [
        `DB_PASSWORD=${v()}`,
        `dbPassword = "${v()}"`,
        `"api_key": "${v()}"`,
        `client.secret: ${v()}`,
        `stripeWebhookSecret: '${v()}'`,
        `X-Auth-Token: ${v()}`,
      ].map((line) => generic(line)),
    ).toEqual([
      ['DB_PASSWORD'],
      ['dbPassword'],
      ['api_key'],
      ['client.secret'],
      ['stripeWebhookSecret'],
      ['X-Auth-Token'],
    ]);
  });

  it('ignores the word inside a token', () => {
    const v = f.highEntropy(24);
    for (const name of [
      'pWDfpkfwUczvJo',
      'xpwdQ7',
      'Q7kPwdXy',
      'mypassword',
      'a9Secret',
      'tokenizerQ',
      `${f.alnum(40)}token`,
    ]) {
      expect([name, generic(`${name}=${v}`)]).toEqual([name, []]);
    }
  });

  it('does not take shipshape fingerprints or secret ids for secrets', () => {
    const id = f.hex(16);
    expect(
      generic(
        [
          `fingerprint: "github-token:src/gh.ts:${id}:1"`,
          `token = stripe-secret-key:.env:${id}@${f.hex(12)}:2`,
          `"secretId": "${id}"`,
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('locates private keys at the BEGIN line', () => {
    const pem = f.privateKey();
    const [match] = findSecrets(`x\n${pem}`).filter(
      (m) => m.ruleId === 'private-key',
    );
    expect(match.matchStart).toBe(2);
    expect(BUILTIN_RULES.find((r) => r.id === 'private-key')?.locate).toBe(
      'match',
    );
  });
});
