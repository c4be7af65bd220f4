import type { SecretRule } from './types.js';

// Bounded quantifiers everywhere: every rule must run in linear time on
// adversarial input (the scanner's tests feed it some).
const ASSIGN = `["'\`]?\\s{0,4}(?:=|:=|:|=>)\\s{0,4}["'\`]?`;

// Secret-sounding words as they appear in identifiers: lower, Capitalized
// or UPPER case. Case-sensitive on purpose: a word counts only as a whole
// segment of an identifier (after its start or a _ . - separator, or as a
// camelCase hump after lower-case word humps), never mid-token in random
// text ("pWDfpk...", "x7kPwd...").
const GENERIC_WORDS = [
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'api_?key',
  'api-key',
  'access_?key',
  'private_?key',
  'credentials?',
  'auth(?!or)',
];
const lower = (w: string) => w.replace(/_\?k/, '_?[Kk]').replace(/-k/, '-[Kk]');
const cap = (w: string) => lower(w[0].toUpperCase() + w.slice(1));
const WORD = `(?:${GENERIC_WORDS.flatMap((w) => [lower(w), cap(w), w.toUpperCase()]).join('|')})`;
const HUMP = `(?:[a-z]{2,20}(?:[A-Z][a-z]{2,20}){0,3}(?:${GENERIC_WORDS.map(cap).join('|')}))`;
// The whole identifier: separated segments, the word (or a camelCase
// identifier ending in it), then anything up to 30 more characters.
const IDENT = `(?<![A-Za-z0-9_.-])(?:[A-Za-z0-9]{1,30}[_.-]){0,4}(?:${WORD}|${HUMP})(?![a-z])[A-Za-z0-9_.-]{0,30}`;

/** The built-in rules, most specific first. */
export const BUILTIN_RULES: readonly SecretRule[] = [
  {
    id: 'supabase-service-role-key',
    description:
      'Supabase legacy JWT API key with the service_role claim: it bypasses row-level security.',
    severity: 'critical',
    keywords: ['eyj'],
    pattern:
      '\\b(?<secret>eyJ[A-Za-z0-9_-]{10,400}\\.eyJ[A-Za-z0-9_-]{20,2000}\\.[A-Za-z0-9_-]{20,600})',
    validators: ['supabase-jwt-role'],
    remediation:
      'Rotate the JWT secret in the Supabase dashboard and keep service_role keys on the server.',
  },
  {
    id: 'supabase-secret-key',
    description:
      'Supabase secret API key (sb_secret_); sb_publishable_ keys are public.',
    severity: 'critical',
    keywords: ['sb_secret_'],
    pattern: '\\b(?<secret>sb_secret_[A-Za-z0-9_-]{20,80})',
  },
  {
    id: 'supabase-access-token',
    description:
      'Supabase personal access token (sbp_): full Management API access.',
    severity: 'critical',
    keywords: ['sbp_'],
    pattern: '\\b(?<secret>sbp_(?:v0_)?[a-f0-9]{40})\\b',
  },
  {
    id: 'supabase-db-url',
    description:
      'Postgres connection string to a Supabase database with a password.',
    severity: 'critical',
    keywords: ['supabase.co', 'supabase.com'],
    pattern:
      'postgres(?:ql)?://[^\\s:/@\'"`]{1,128}:(?<secret>[^\\s@/\'"`]{1,256})@(?:db\\.[a-z0-9]{20}\\.supabase\\.co|[a-z0-9-]{1,40}\\.pooler\\.supabase\\.com)',
    validators: ['url-password'],
  },
  {
    id: 'supabase-jwt-secret',
    description:
      'Supabase JWT signing secret assigned by name: it forges any role.',
    severity: 'critical',
    keywords: ['jwt_secret', 'jwtsecret', 'jwt-secret'],
    pattern: `(?<name>\\b[A-Za-z0-9_]{0,30}JWT_?SECRET)${ASSIGN}(?<secret>[A-Za-z0-9+/=_.-]{32,256})`,
    flags: 'i',
    entropy: 3.5,
    validators: ['not-placeholder'],
    // The local Supabase stack's published default.
    allowlist: {
      secrets: ['^super-secret-jwt-token-with-at-least-32-characters-long$'],
    },
  },
  {
    id: 'resend-api-key',
    description: 'Resend API key.',
    severity: 'high',
    keywords: ['re_'],
    pattern: '\\b(?<secret>re_[A-Za-z0-9]{8,10}_[A-Za-z0-9]{20,32})\\b',
    validators: ['not-placeholder'],
  },
  {
    id: 'stripe-secret-key',
    description: 'Stripe secret key (sk_live_/sk_test_); pk_ keys are public.',
    severity: 'high',
    keywords: ['sk_live_', 'sk_test_'],
    pattern: '\\b(?<secret>sk_(?:live|test)_[A-Za-z0-9]{24,247})\\b',
    validators: ['not-placeholder'],
  },
  {
    id: 'stripe-restricted-key',
    description: 'Stripe restricted key (rk_live_/rk_test_).',
    severity: 'high',
    keywords: ['rk_live_', 'rk_test_'],
    pattern: '\\b(?<secret>rk_(?:live|test)_[A-Za-z0-9]{24,247})\\b',
    validators: ['not-placeholder'],
  },
  {
    id: 'stripe-webhook-secret',
    description: 'Stripe webhook signing secret (whsec_).',
    severity: 'high',
    keywords: ['whsec_'],
    pattern: '\\b(?<secret>whsec_[A-Za-z0-9+/]{32,64})',
    validators: ['not-placeholder'],
  },
  {
    id: 'github-token',
    description:
      'GitHub token (ghp_ classic PAT, gho_ OAuth, ghu_/ghs_ app, ghr_ refresh) with a valid checksum.',
    severity: 'high',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: '\\b(?<secret>gh[pousr]_[A-Za-z0-9]{36})\\b',
    validators: ['github-checksum'],
  },
  {
    id: 'github-fine-grained-token',
    description: 'GitHub fine-grained personal access token.',
    severity: 'high',
    keywords: ['github_pat_'],
    pattern: '\\b(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\\b',
  },
  {
    id: 'aws-access-key-id',
    description: 'AWS access key id.',
    severity: 'high',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: '\\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b',
    allowlist: { secrets: ['EXAMPLE$'] },
  },
  {
    id: 'aws-secret-access-key',
    description: 'AWS secret access key assigned by name.',
    severity: 'critical',
    keywords: [
      'aws_secret',
      'aws-secret',
      'awssecret',
      'secretaccesskey',
      'secret_access_key',
    ],
    pattern: `(?<name>aws_?secret_?(?:access_?)?key|secret_?access_?key)${ASSIGN}(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])`,
    flags: 'i',
    entropy: 4,
    allowlist: { secrets: ['EXAMPLEKEY$'] },
    validators: ['not-placeholder'],
  },
  {
    id: 'google-api-key',
    description: 'Google API key (AIza...).',
    severity: 'high',
    keywords: ['aiza'],
    pattern: '\\b(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])',
  },
  {
    id: 'gcp-service-account',
    description: 'Google Cloud service-account key file (private_key_id).',
    severity: 'critical',
    keywords: ['private_key_id'],
    pattern: '"private_key_id"\\s{0,4}:\\s{0,4}"(?<secret>[a-f0-9]{40})"',
  },
  {
    id: 'slack-token',
    description: 'Slack bot, user, app or configuration token.',
    severity: 'high',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxe', 'xapp-'],
    pattern:
      '\\b(?<secret>(?:xox[baprs]-|xoxe(?:\\.xox[bp])?-\\d-|xapp-\\d-)[0-9A-Za-z-]{20,250})',
    validators: ['not-placeholder'],
  },
  {
    id: 'slack-webhook',
    description: 'Slack incoming webhook URL.',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern:
      'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/(?<secret>T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/[A-Za-z0-9]{23,24})',
  },
  {
    id: 'npm-token',
    description: 'npm access token (npm_).',
    severity: 'high',
    keywords: ['npm_'],
    pattern: '\\b(?<secret>npm_[A-Za-z0-9]{36})\\b',
    validators: ['not-placeholder'],
  },
  {
    id: 'npmrc-auth-token',
    description: 'Registry auth token in an .npmrc _authToken line.',
    severity: 'high',
    keywords: ['_authtoken', '_auth', '_password'],
    pattern:
      '(?<![A-Za-z0-9])(?<name>_authToken|_auth|_password)\\s{0,4}=\\s{0,4}["\']?(?<secret>[^\\s"\'$]{8,512})',
    validators: ['not-placeholder'],
  },
  {
    id: 'openai-api-key',
    description: 'OpenAI API key.',
    severity: 'high',
    keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 't3blbkfj'],
    pattern:
      '\\b(?<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![A-Za-z0-9_-])',
    validators: ['not-placeholder'],
  },
  {
    id: 'anthropic-api-key',
    description: 'Anthropic API key.',
    severity: 'high',
    keywords: ['sk-ant-'],
    pattern:
      '\\b(?<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])',
    validators: ['not-placeholder'],
  },
  {
    id: 'vercel-token',
    description: 'Vercel access token (by name, or with a vercel_ prefix).',
    severity: 'high',
    keywords: ['vercel'],
    pattern: `(?<name>vercel_?(?:access_?|api_?|auth_?)?token)${ASSIGN}(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.5,
    validators: ['not-placeholder'],
  },
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key.',
    severity: 'high',
    keywords: ['sg.'],
    pattern:
      '\\b(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])',
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID paired secret or auth token.',
    severity: 'high',
    keywords: ['twilio'],
    pattern: `(?<name>twilio_?(?:auth_?token|api_?secret|secret))${ASSIGN}(?<secret>[a-fA-F0-9]{32}|[A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3,
    validators: ['not-placeholder'],
  },
  {
    id: 'twilio-api-key-sid',
    description: 'Twilio API key SID (SK...).',
    severity: 'medium',
    keywords: ['sk'],
    pattern: '\\b(?<secret>SK[0-9a-f]{32})\\b',
  },
  {
    id: 'private-key',
    description:
      'Private key block (PEM, OpenSSH, PGP), also inside JSON strings.',
    severity: 'critical',
    keywords: ['private key'],
    pattern:
      '-----BEGIN[ A-Z]{0,20} PRIVATE KEY(?: BLOCK)?-----(?<secret>[A-Za-z0-9+/=\\s\\\\:,.-]{64,16384}?)-----END',
    locate: 'match',
  },
  {
    id: 'url-credentials',
    description: 'URL with a username and password.',
    severity: 'high',
    keywords: ['://'],
    pattern:
      '://[^\\s:/@\'"`<>]{1,128}:(?<secret>[^\\s@/\'"`<>]{3,256})@[a-z0-9.-]{1,253}',
    flags: 'i',
    validators: ['url-password'],
    allowlist: {
      lines: [
        '\\bexample\\.(?:com|org|net)\\b',
        '@localhost\\b',
        '@127\\.0\\.0\\.1\\b',
      ],
    },
  },
  {
    id: 'next-public-secret',
    description:
      'A server-only secret assigned to a NEXT_PUBLIC_* variable: Next.js inlines it into browser bundles.',
    severity: 'critical',
    keywords: ['next_public_'],
    pattern: `(?<name>\\bNEXT_PUBLIC_[A-Z0-9_]{0,40}(?:SECRET|SERVICE_ROLE|PRIVATE|PASSWORD|PASSWD)[A-Z0-9_]{0,40})${ASSIGN}(?<secret>[^\\s"'\`;,]{8,512})`,
    entropy: 3,
    validators: ['not-placeholder', 'not-code-reference'],
  },
  {
    id: 'generic-secret',
    description:
      'A high-entropy value assigned to a secret-named variable (password, secret, token, api_key...).',
    severity: 'medium',
    keywords: [
      'password',
      'passwd',
      'pwd',
      'secret',
      'token',
      'api_key',
      'apikey',
      'api-key',
      'access_key',
      'accesskey',
      'private_key',
      'credential',
      'auth',
    ],
    pattern: `(?<name>${IDENT})${ASSIGN}(?<secret>[^\\s"'\`;,<>(){}\\[\\]]{10,300})`,
    entropy: 3.5,
    generic: true,
    validators: ['not-placeholder', 'not-uuid', 'not-code-reference'],
    allowlist: {
      secrets: [
        '^sha\\d{3}-',
        '^[a-f0-9]{40}$',
        '^v?\\d+\\.\\d+',
        '^https?://',
        // e-mail addresses
        '^[\\w.+-]+@[\\w-]+\\.[\\w.-]+$',
        // shipshape fingerprints and baseline keys (rule:file:secret-id…)
        ':[0-9a-f]{16}(?:@[0-9a-f]{7,40})?(?::\\d+)?$',
      ],
      // secret ids are hashes of hashes, not secrets
      matches: ['^["\']?secret_?[Ii][Dd]["\']?\\s*[:=]'],
      lines: ['"integrity"\\s*:', 'integrity:\\s'],
    },
  },
];
