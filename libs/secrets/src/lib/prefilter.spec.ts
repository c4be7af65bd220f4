import { fakeFactory } from '../testing.js';
import { redactSecrets } from './redact.js';
import { mayContainSecret, scrubSecrets } from './prefilter.js';
import { findSecrets } from './find.js';
import { BUILTIN_RULES } from './rules.js';

const fake = fakeFactory('prefilter');

describe('scrubSecrets', () => {
  const texts = [
    'request completed in 12 ms',
    'customer asked for a task list',
    `connecting to ${fake.supabaseDbUrl()} now`,
    `key=${fake.supabaseSecret()} and ${fake.resend()}`,
    `jwt_secret=${fake.highEntropy(40)}`,
    `NEXT_PUBLIC_SERVICE_ROLE_KEY=${fake.supabaseServiceRole()}`,
    `Authorization: Bearer ${fake.githubClassic()}`,
    `api_key: "${fake.highEntropy(32)}" password=${fake.password()}`,
    new Error(`boom ${fake.stripeSecret()}`).stack ?? '',
  ];

  it.each(texts)('gives what redactSecrets gives for %#', (text) => {
    expect(scrubSecrets(text)).toBe(redactSecrets(text));
  });

  it('skips texts with no catalog keyword', () => {
    expect(mayContainSecret('cache warmed in 42 ms')).toBe(false);
    expect(mayContainSecret(`x ${fake.supabaseSecret()}`)).toBe(true);
  });
});

describe('scrubSecrets keyword scan', () => {
  it('sees a keyword that overlaps the end of another', () => {
    // "asia" (AWS) ends where "auth" begins: both rules must run.
    const text = `asiauth=${fake.highEntropy(40)}`;
    expect(scrubSecrets(text)).toBe(redactSecrets(text));
  });
});

describe('scrubSecrets in log lines', () => {
  it('redacts credentials even where a scan allowlists the line', () => {
    const password = fake.password();
    const local = `connect postgres://app:${password}@localhost:5432/app`;
    const docs = `see https://admin:${password}@example.com/path`;
    expect(scrubSecrets(local)).not.toContain(password);
    expect(scrubSecrets(docs)).not.toContain(password);
  });
});

describe('scrubSecrets fast path', () => {
  // One secret per rule, from the fake generators, each as the rule finds
  // it: the keyword gate and the per-rule probe must never let one through.
  const f = fakeFactory('prefilter-fast-path');
  const SAMPLES: Record<string, () => { text: string; secret: string }> = {
    'supabase-service-role-key': () => plain(f.supabaseServiceRole()),
    'supabase-secret-key': () => plain(f.supabaseSecret()),
    'supabase-access-token': () => plain(f.supabasePat()),
    'supabase-db-url': () => password(f.supabaseDbUrl),
    'supabase-jwt-secret': () => named('SUPABASE_JWT_SECRET=', f.alnum(40)),
    'resend-api-key': () => plain(f.resend()),
    'stripe-secret-key': () => plain(f.stripeSecret()),
    'stripe-restricted-key': () => plain(f.stripeRestricted()),
    'stripe-webhook-secret': () => plain(f.stripeWebhook()),
    'github-token': () => plain(f.githubClassic()),
    'github-fine-grained-token': () => plain(f.githubFineGrained()),
    'aws-access-key-id': () => plain(f.awsAccessKeyId()),
    'aws-secret-access-key': () =>
      named('aws_secret_access_key = ', f.awsSecretKey()),
    'google-api-key': () => plain(f.googleApiKey()),
    'gcp-service-account': () => {
      const secret = f.hex(40);
      return { text: `"private_key_id": "${secret}"`, secret };
    },
    'slack-token': () => plain(f.slackBot()),
    'slack-webhook': () => {
      const url = f.slackWebhook();
      return { text: url, secret: url.slice(url.indexOf('/T') + 1) };
    },
    'npm-token': () => plain(f.npm()),
    'npmrc-auth-token': () =>
      named('//registry.npmjs.org/:_authToken=', f.alnum(36)),
    'openai-api-key': () => plain(f.openai()),
    'anthropic-api-key': () => plain(f.anthropic()),
    'vercel-token': () => named('VERCEL_TOKEN=', f.vercel()),
    'sendgrid-api-key': () => plain(f.sendgrid()),
    'twilio-api-key': () => named('TWILIO_AUTH_TOKEN=', f.twilioToken()),
    'twilio-api-key-sid': () => plain(`SK${f.hex(32)}`),
    'private-key': () => {
      const block = f.privateKey();
      const body = block.split('\n').slice(1, -1).join('\n');
      return { text: block, secret: body };
    },
    'url-credentials': () =>
      password((pw: string) => `amqp://app:${pw}@mq.internal.test:5672/jobs`),
    'next-public-secret': () =>
      named('NEXT_PUBLIC_STRIPE_SECRET=', f.alnum(32)),
    'generic-secret': () => named('db_password = ', f.password()),
  };

  function plain(secret: string) {
    return { text: secret, secret };
  }
  function named(prefix: string, secret: string) {
    return { text: `${prefix}${secret}`, secret };
  }
  function password(url: (password: string) => string) {
    const secret = f.password();
    return { text: url(secret), secret };
  }

  // Unique surrounding text full of the broad keywords' everyday hosts
  // ("asked", "task", "author", "tokens"), as in real log lines.
  const around = (i: number, text: string) =>
    `customer asked ${i} about task ${i * 7919} by author ${f.alnum(6)}: ${text} (tokens left ${i % 13})`;

  it('has a sample for every rule in the catalog', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(
      BUILTIN_RULES.map((rule) => rule.id).sort(),
    );
  });

  it.each(BUILTIN_RULES.map((rule, i) => [rule.id, i] as const))(
    'still redacts a %s in unique text',
    (id, i) => {
      const { text: inner, secret } = SAMPLES[id]();
      const text = around(i, inner);
      expect(findSecrets(text).map((m) => m.ruleId)).toContain(id);
      const scrubbed = scrubSecrets(text);
      expect(scrubbed).not.toContain(secret);
      expect(scrubbed).toContain('[REDACTED]');
      expect(scrubbed).toBe(redactSecrets(text));
    },
  );

  it('drops rules woken by a broad keyword without running them', () => {
    // "sk" in "asked", "auth" in "author": no rule matches, text unchanged.
    const text = around(1, 'the tokens were refreshed');
    expect(mayContainSecret(text)).toBe(true);
    expect(scrubSecrets(text)).toBe(text);
  });
});
