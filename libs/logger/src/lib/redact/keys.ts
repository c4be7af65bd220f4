/**
 * Which property names hold secrets or personal data, in any casing and with
 * any separator: `Authorization`, `set-cookie`, `SUPABASE_SERVICE_ROLE_KEY`
 * and `apiKey` all normalise to lowercase letters and digits first.
 */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const SECRET_EXACT = new Set([
  'auth',
  'authorization',
  'proxyauthorization',
  'bearer',
  'cookie',
  'cookies',
  'setcookie',
  'pwd',
  'jwt',
  'otp',
  'session',
  'sessionid',
  'sid',
  'signature',
  'dsn',
  'databaseurl',
  'dburl',
  'postgresurl',
  'postgresqlurl',
  'pgpassword',
  'directurl',
  'credentials',
]);

const SECRET_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'servicerole',
  'connectionstring',
  'connstring',
  'cookie',
  'authorization',
  'credential',
];

// Counters and metadata that merely mention a secret-ish word.
const NOT_SECRET = /(tokens|count|limit|usage|length|expires(at|in)?|type)$/;

const PII_EXACT = new Set([
  'email',
  'emails',
  'mail',
  'phone',
  'phones',
  'mobile',
  'tel',
  'telephone',
  'ip',
  'ips',
  'ipaddress',
  'ipaddr',
  'clientip',
  'remoteip',
  'remoteaddr',
  'remoteaddress',
  'sourceip',
  'userip',
  'xforwardedfor',
  'forwardedfor',
  'forwarded',
  'xrealip',
  'cfconnectingip',
  'trueclientip',
  'xclientip',
]);

const PII_SUFFIXES = [
  'email',
  'emailaddress',
  'phone',
  'phonenumber',
  'ipaddress',
];

export interface KeyPolicy {
  /** Extra names to redact, matched after normalisation. */
  keys?: readonly string[];
  /** Names never redacted, matched after normalisation. */
  allowKeys?: readonly string[];
  /** Redact e-mail, phone and IP fields (default true). */
  pii?: boolean;
}

/** Builds a cached predicate: does this property name need redacting? */
export function sensitiveKeyMatcher(
  policy: KeyPolicy = {},
): (key: string) => boolean {
  const extra = new Set((policy.keys ?? []).map(normaliseKey));
  const allowed = new Set((policy.allowKeys ?? []).map(normaliseKey));
  const pii = policy.pii !== false;
  const cache = new Map<string, boolean>();

  const decide = (key: string): boolean => {
    const name = normaliseKey(key);
    if (allowed.has(name)) return false;
    if (extra.has(name) || SECRET_EXACT.has(name)) return true;
    if (SECRET_PARTS.some((part) => name.includes(part))) {
      return !NOT_SECRET.test(name);
    }
    if (!pii) return false;
    return (
      PII_EXACT.has(name) || PII_SUFFIXES.some((end) => name.endsWith(end))
    );
  };

  return (key) => {
    let verdict = cache.get(key);
    if (verdict === undefined) {
      verdict = decide(key);
      // Keys come from code, not data, in almost every program; the bound
      // only protects against objects keyed by ids.
      if (cache.size < 5000) cache.set(key, verdict);
    }
    return verdict;
  };
}
