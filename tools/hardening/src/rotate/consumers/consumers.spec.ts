import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { HttpClient, ProviderError } from '../http/client.js';
import { fakeGitHub, githubRateLimit } from '../testing/github.js';
import { fakeValue, fakeToken } from '../testing/values.js';
import { fakeVercel, vercelRateLimit } from '../testing/vercel.js';
import { dotenvConsumer, readDotenvValue, setDotenvValue } from './dotenv.js';
import { GITHUB_HEADERS, githubSecretConsumer } from './github.js';
import { vercelEnvConsumer } from './vercel.js';

const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);

describe('GitHub Actions secrets', () => {
  const token = fakeToken('github');
  let github: Awaited<ReturnType<typeof fakeGitHub>>;
  beforeEach(async () => {
    waits.length = 0;
    github = await fakeGitHub(token, 'acme/app', ['staging']);
  });
  afterEach(() => github.close());
  const http = (t = token) =>
    new HttpClient({
      provider: 'github',
      baseUrl: github.url,
      token: t,
      headers: GITHUB_HEADERS,
      sleep,
    });

  it('seals environment and repository secrets so GitHub can open them', async () => {
    const value = fakeValue('v-');
    const staging = githubSecretConsumer(http(), {
      repository: 'acme/app',
      githubEnvironment: 'staging',
      name: 'API_KEY',
      environment: 'staging',
    });
    const repo = githubSecretConsumer(http(), {
      repository: 'acme/app',
      name: 'API_KEY',
      environment: 'production',
    });
    await staging.write(value);
    await repo.write(value);
    expect(github.secrets.get('staging/API_KEY')?.value).toBe(value);
    expect(github.secrets.get('*/API_KEY')?.value).toBe(value);
    const put = github.seen.find((seen) => seen.method === 'PUT');
    expect(JSON.stringify(put?.body)).not.toContain(value);
    expect(put?.headers['x-github-api-version']).toBe('2022-11-28');
    expect(put?.headers.accept).toBe('application/vnd.github+json');
    expect(staging.readable).toBe(false);
    expect(await staging.read()).toBeUndefined();
  });

  it('answers 201 then 204 as GitHub does, both accepted', async () => {
    const consumer = githubSecretConsumer(http(), {
      repository: 'acme/app',
      name: 'K',
      environment: 'production',
    });
    await consumer.write('one');
    await consumer.write('two');
    expect(github.secrets.get('*/K')?.value).toBe('two');
  });

  it('names a missing environment and bad credentials', async () => {
    const missing = githubSecretConsumer(http(), {
      repository: 'acme/app',
      githubEnvironment: 'prod',
      name: 'K',
      environment: 'production',
    });
    await expect(missing.check()).rejects.toThrow(
      'github: GET /repos/acme/app/environments/prod/secrets/public-key answered 404: Not Found',
    );
    const bad = githubSecretConsumer(http('nope'), {
      repository: 'acme/app',
      name: 'K',
      environment: 'production',
    });
    await expect(bad.write('x')).rejects.toThrow(/401: Bad credentials/);
  });

  it('waits for the rate-limit reset on 403 with x-ratelimit-remaining 0', async () => {
    github.queue.push(githubRateLimit());
    const consumer = githubSecretConsumer(http(), {
      repository: 'acme/app',
      name: 'K',
      environment: 'production',
    });
    await consumer.write('v');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(2000);
  });
});

describe('Vercel env vars', () => {
  const token = fakeToken('vercel');
  let vercel: Awaited<ReturnType<typeof fakeVercel>>;
  beforeEach(async () => {
    waits.length = 0;
    vercel = await fakeVercel(token, 'web');
  });
  afterEach(() => vercel.close());
  const http = () =>
    new HttpClient({ provider: 'vercel', baseUrl: vercel.url, token, sleep });
  const target = {
    project: 'web',
    teamId: 'team_1',
    key: 'API_KEY',
    targets: ['preview'],
    environment: 'staging' as const,
  };

  it('upserts, reads back non-sensitive values and passes teamId', async () => {
    const consumer = vercelEnvConsumer(http(), { ...target, sensitive: false });
    expect(await consumer.read()).toBeUndefined();
    await consumer.write('first');
    await consumer.write('second');
    expect(vercel.envs).toHaveLength(1);
    expect(await consumer.read()).toBe('second');
    const post = vercel.seen.find((seen) => seen.method === 'POST');
    expect(post?.query.get('upsert')).toBe('true');
    expect(post?.query.get('teamId')).toBe('team_1');
    expect(post?.body).toMatchObject({
      key: 'API_KEY',
      type: 'encrypted',
      target: ['preview'],
    });
  });

  it('cannot read sensitive variables back', async () => {
    const consumer = vercelEnvConsumer(http(), { ...target, sensitive: true });
    await consumer.write('hidden');
    expect(consumer.readable).toBe(false);
    expect(await consumer.read()).toBeUndefined();
    expect(vercel.envs[0]).toMatchObject({
      type: 'sensitive',
      value: 'hidden',
    });
  });

  it('waits for x-ratelimit-reset on 429 and reports failed entries', async () => {
    vercel.queue.push(vercelRateLimit());
    const consumer = vercelEnvConsumer(http(), { ...target, sensitive: false });
    await consumer.write('v');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(3000);
    vercel.queue.push({
      status: 201,
      body: {
        created: [],
        failed: [{ error: { code: 'ENV_ALREADY_EXISTS', message: 'exists' } }],
      },
    });
    await expect(consumer.write('w')).rejects.toThrow(ProviderError);
  });
});

describe('.env files', () => {
  it.each([
    ['A=1\nKEY=old\n', 'KEY=new\n', 'A=1\nKEY=new\n'],
    ['export KEY="old value"\n', 'export KEY=new\n', 'export KEY=new\n'],
    ['A=1', 'KEY=new\n', 'A=1\nKEY=new\n'],
  ])('rewrites %j', (before, _unused, after) => {
    expect(setDotenvValue(before, 'KEY', 'new')).toBe(after);
  });

  it('round-trips awkward values', () => {
    const value = 'a b"c\\d#e\nf';
    expect(readDotenvValue(setDotenvValue('', 'KEY', value), 'KEY')).toBe(
      value,
    );
    expect(readDotenvValue("KEY='x y' \nB=2 # note", 'B')).toBe('2');
  });

  it('writes an ignored file in place, keeping its mode, and refuses a tracked one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dotenv-'));
    await execa('git', ['init', '-q'], { cwd: root });
    writeFileSync(join(root, '.gitignore'), '.env.local\n');
    writeFileSync(join(root, '.env.local'), 'KEY=old\n', { mode: 0o600 });
    const local = dotenvConsumer({
      root,
      file: '.env.local',
      key: 'KEY',
      environment: 'staging',
    });
    await local.check();
    await local.write('new');
    expect(readFileSync(join(root, '.env.local'), 'utf8')).toBe('KEY=new\n');
    expect(statSync(join(root, '.env.local')).mode & 0o777).toBe(0o600);

    writeFileSync(join(root, '.env'), 'KEY=x\n');
    await execa('git', ['add', '.env'], { cwd: root });
    const tracked = dotenvConsumer({
      root,
      file: '.env',
      key: 'KEY',
      environment: 'staging',
    });
    await expect(tracked.check()).rejects.toThrow(/tracked by git/);
  });
});
