import { fakeFactory } from '../testing.js';
import { redactSecrets } from './redact.js';
import { mayContainSecret, scrubSecrets } from './prefilter.js';

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
