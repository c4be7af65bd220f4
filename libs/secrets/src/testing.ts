import { createHmac, randomBytes } from 'node:crypto';
import { githubChecksum } from './lib/crc32.js';

/**
 * Generators of fake but format-valid secrets for tests. Nothing here is a
 * real credential, and no test file needs to commit a secret-shaped literal:
 * build values at test time from these.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic generator: the same seed gives the same values. */
export function fakeFactory(seed = 'shipshape') {
  let counter = 0;
  const bytes = (n: number): Buffer => {
    const out: Buffer[] = [];
    let size = 0;
    while (size < n) {
      const block = createHmac('sha256', seed)
        .update(String(counter++))
        .digest();
      out.push(block);
      size += block.length;
    }
    return Buffer.concat(out).subarray(0, n);
  };
  const from = (alphabet: string, n: number): string =>
    [...bytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
  const alnum = (n: number) => from(ALNUM, n);
  const hex = (n: number) => from('0123456789abcdef', n);
  const b64url = (value: string) => Buffer.from(value).toString('base64url');
  const jwt = (payload: Record<string, unknown>) =>
    [
      b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
      b64url(JSON.stringify(payload)),
      bytes(32).toString('base64url'),
    ].join('.');
  const github = (prefix: string) => {
    const random = alnum(30);
    return `${prefix}_${random}${githubChecksum(random)}`;
  };
  return {
    alnum,
    hex,
    supabaseServiceRole: (ref = alnum(20).toLowerCase()) =>
      jwt({
        iss: 'supabase',
        ref,
        role: 'service_role',
        iat: 1700000000,
        exp: 2000000000,
      }),
    supabaseAnon: (ref = alnum(20).toLowerCase()) =>
      jwt({
        iss: 'supabase',
        ref,
        role: 'anon',
        iat: 1700000000,
        exp: 2000000000,
      }),
    supabaseDemo: (role = 'service_role') =>
      jwt({ iss: 'supabase-demo', role, exp: 1983812996 }),
    supabaseSecret: () => `sb_${'secret'}_${alnum(32)}`,
    supabasePublishable: () => `sb_${'publishable'}_${alnum(32)}`,
    supabasePat: () => `sb${'p'}_${hex(40)}`,
    supabaseDbUrl: (password = `${alnum(12)}Q9${alnum(6)}`) =>
      `postgresql://postgres:${password}@db.${alnum(20).toLowerCase()}.supabase.co:5432/postgres`,
    supabasePoolerUrl: (password = `${alnum(14)}Z7`) =>
      `postgres://postgres.${alnum(20).toLowerCase()}:${password}@aws-0-eu-central-1.pooler.supabase.com:6543/postgres`,
    resend: () => `r${'e'}_${alnum(8)}_${alnum(24)}`,
    stripeSecret: () => `sk_${'live'}_${alnum(32)}`,
    stripeTest: () => `sk_${'test'}_${alnum(32)}`,
    stripeRestricted: () => `rk_${'live'}_${alnum(32)}`,
    stripeWebhook: () => `whsec_${alnum(32)}`,
    stripePublishable: () => `pk_${'live'}_${alnum(32)}`,
    githubClassic: () => github('gh' + 'p'),
    githubApp: () => github('gh' + 's'),
    githubBadChecksum: () => `gh${'p'}_${alnum(30)}000000`,
    githubFineGrained: () => `github${'_pat'}_${alnum(22)}_${alnum(59)}`,
    awsAccessKeyId: () =>
      `AK${'IA'}${from('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    awsSecretKey: () => from(`${ALNUM}/+`, 40),
    googleApiKey: () => `AI${'za'}${alnum(35)}`,
    slackBot: () =>
      `xo${'xb'}-${from('0123456789', 12)}-${from('0123456789', 12)}-${alnum(24)}`,
    slackWebhook: () =>
      `https://hooks.${'slack'}.com/services/T${from('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${from('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${alnum(24)}`,
    npm: () => `np${'m'}_${alnum(36)}`,
    openai: () => `sk-${'proj'}-${alnum(48)}`,
    anthropic: () => `sk-${'ant'}-api03-${alnum(93)}`,
    vercel: () => alnum(24),
    sendgrid: () => `S${'G'}.${alnum(22)}.${alnum(43)}`,
    twilioToken: () => hex(32),
    privateKeyBody: () => randomLines(bytes(600).toString('base64')),
    privateKey: (kind = 'RSA') =>
      `-----BEGIN ${kind} PRIV${'ATE'} KEY-----\n${randomLines(bytes(600).toString('base64'))}\n-----END ${kind} PRIV${'ATE'} KEY-----`,
    password: () => `${alnum(10)}!${alnum(6)}`,
    highEntropy: (n = 40) => alnum(n),
  };
}

function randomLines(base64: string): string {
  return base64.match(/.{1,64}/g)!.join('\n');
}

/** Truly random bytes, for tests that must not collide across runs. */
export function randomToken(length = 32): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}
