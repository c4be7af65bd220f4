import type { Severity } from '../report/index.js';
import { escapeGitignore } from './gitignore.js';
import { SYMLINK_MODE } from './index-reader.js';

/** What kind of mistake a tracked path is. */
export type ArtifactClass =
  | 'secret'
  | 'dependency'
  | 'build'
  | 'cache'
  | 'test-report'
  | 'archive'
  | 'log'
  | 'large-binary'
  | 'ignored';

export interface ClassInfo {
  label: string;
  severity: Severity;
  description: string;
}

export const CLASSES: Record<ArtifactClass, ClassInfo> = {
  secret: {
    label: 'env file or key',
    severity: 'critical',
    description:
      'An env file or private key is tracked: anyone with the repository has the secret.',
  },
  dependency: {
    label: 'dependency folder',
    severity: 'medium',
    description:
      'Installed dependencies are tracked; the package manager recreates them.',
  },
  build: {
    label: 'build output',
    severity: 'medium',
    description: 'Build output is tracked; the build recreates it.',
  },
  log: {
    label: 'log file',
    severity: 'medium',
    description:
      'A log file is tracked; logs go stale and can hold tokens or personal data.',
  },
  archive: {
    label: 'archive',
    severity: 'medium',
    description:
      'An archive is tracked outside Git LFS; git stores every version in full.',
  },
  'large-binary': {
    label: 'large binary',
    severity: 'medium',
    description:
      'A binary file above the size limit is tracked outside Git LFS.',
  },
  cache: {
    label: 'cache or tool state',
    severity: 'low',
    description:
      'A cache or local tool state is tracked; it differs per machine.',
  },
  'test-report': {
    label: 'test or coverage report',
    severity: 'low',
    description:
      'A test or coverage report is tracked; CI recreates it on every run.',
  },
  ignored: {
    label: 'ignored but tracked',
    severity: 'low',
    description:
      'A .gitignore rule covers this file but it is still tracked (the rule came after the commit).',
  },
};

/** One classified path: the artifact it belongs to and how to ignore it. */
export interface Classification {
  cls: ArtifactClass;
  /** The artifact: a folder (ending in '/') or the file itself. */
  root: string;
  /** The .gitignore pattern that covers the artifact wherever it lives. */
  pattern: string;
  /** Set when the content must confirm the class (private key blocks). */
  needsContent?: 'private-key';
}

// Folders that are artifacts wherever they appear.
const FOLDERS: Record<string, ArtifactClass> = {
  node_modules: 'dependency',
  bower_components: 'dependency',
  jspm_packages: 'dependency',
  '.pnpm-store': 'dependency',
  '.next': 'build',
  '.nuxt': 'build',
  '.svelte-kit': 'build',
  '.output': 'build',
  '.docusaurus': 'build',
  'out-tsc': 'build',
  'storybook-static': 'build',
  '.turbo': 'cache',
  '.cache': 'cache',
  '.parcel-cache': 'cache',
  '.vite': 'cache',
  '.swc': 'cache',
  '.vercel': 'cache',
  '.angular': 'cache',
  '.sass-cache': 'cache',
  __pycache__: 'cache',
  '.pytest_cache': 'cache',
  '.mypy_cache': 'cache',
  coverage: 'test-report',
  '.nyc_output': 'test-report',
  'test-results': 'test-report',
  'playwright-report': 'test-report',
  'blob-report': 'test-report',
  'test-output': 'test-report',
};

// Generic names that are build output only right under a project root.
const PROJECT_FOLDERS: Record<string, ArtifactClass> = {
  dist: 'build',
  build: 'build',
  out: 'build',
};

// Two-segment folders: tool state inside a tool's own folder.
const NESTED_FOLDERS: ReadonlyArray<[string, string, ArtifactClass]> = [
  ['.nx', 'cache', 'cache'],
  ['.nx', 'workspace-data', 'cache'],
  ['.nx', 'migrate-runs', 'cache'],
  ['supabase', '.temp', 'cache'],
  ['supabase', '.branches', 'cache'],
  ['.shipshape', 'cache', 'cache'],
  ['.yarn', 'unplugged', 'dependency'],
];

const FILES: Record<string, [ArtifactClass, string]> = {
  'next-env.d.ts': ['build', 'next-env.d.ts'],
  '.DS_Store': ['cache', '.DS_Store'],
  'Thumbs.db': ['cache', 'Thumbs.db'],
  'desktop.ini': ['cache', 'desktop.ini'],
  '.eslintcache': ['cache', '.eslintcache'],
  '.stylelintcache': ['cache', '.stylelintcache'],
  'install-state.gz': ['cache', '.yarn/install-state.gz'],
  'lcov.info': ['test-report', 'lcov.info'],
  '.netrc': ['secret', '.netrc'],
  _netrc: ['secret', '_netrc'],
  id_rsa: ['secret', 'id_rsa'],
  id_dsa: ['secret', 'id_dsa'],
  id_ecdsa: ['secret', 'id_ecdsa'],
  id_ed25519: ['secret', 'id_ed25519'],
};

const ENV_TEMPLATES = new Set([
  'example',
  'sample',
  'template',
  'tpl',
  'dist',
  'defaults',
  'schema',
  'vault',
]);
const CODE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|d\.ts|json|md|py|go|rb)$/;
const ARCHIVE = /\.(?:zip|tar|tgz|tbz2?|txz|gz|bz2|xz|7z|rar|zst|lz4)$/i;
const LOG = /(?:\.log|\.log\.\d+|-debug\.log.*|-error\.log.*)$/i;
const KEY_STORE = /\.(?:p12|pfx|jks|keystore|ppk)$/i;
const MAYBE_KEY = /\.(?:pem|key)$/i;
const JUNIT = /^junit.*\.xml$/i;

/**
 * Decides whether a tracked path is an artifact, and which one. Pure: the
 * path (forward slashes), its mode, and the roots of the workspace projects.
 */
export function classify(
  path: string,
  mode: string,
  projectRoots: ReadonlySet<string>,
): Classification | undefined {
  const segments = path.split('/');
  const last = segments.length - 1;
  for (let index = 0; index < last; index++) {
    const found = folderAt(segments, index, projectRoots);
    if (found) return found;
  }
  const name = segments[last];
  // A committed symlink named like a dependency folder stands for one.
  if (mode === SYMLINK_MODE && FOLDERS[name] === 'dependency') {
    return { cls: 'dependency', root: path, pattern: folderPattern(name) };
  }
  return fileClass(path, name);
}

const NESTED_PARENTS = new Set(NESTED_FOLDERS.map(([parent]) => parent));

function folderAt(
  segments: readonly string[],
  index: number,
  projectRoots: ReadonlySet<string>,
): Classification | undefined {
  const name = segments[index];
  const cls = Object.hasOwn(FOLDERS, name) ? FOLDERS[name] : undefined;
  if (cls) {
    return {
      cls,
      root: `${joinTo(segments, index)}/`,
      pattern: folderPattern(name),
    };
  }
  if (NESTED_PARENTS.has(name) && index + 1 < segments.length - 1) {
    for (const [parent, child, nestedCls] of NESTED_FOLDERS) {
      if (name !== parent || segments[index + 1] !== child) continue;
      const root = joinTo(segments, index + 1);
      // `supabase/.temp/` is anchored to its .gitignore; `**/` reaches nested apps.
      const pattern = index === 0 ? `${root}/` : `**/${parent}/${child}/`;
      return { cls: nestedCls, root: `${root}/`, pattern };
    }
  }
  if (
    Object.hasOwn(PROJECT_FOLDERS, name) &&
    projectRoots.has(joinTo(segments, index - 1))
  ) {
    return {
      cls: PROJECT_FOLDERS[name],
      root: `${joinTo(segments, index)}/`,
      pattern: `${name}/`,
    };
  }
  return undefined;
}

function joinTo(segments: readonly string[], end: number): string {
  return segments.slice(0, end + 1).join('/');
}

function folderPattern(name: string): string {
  return name === 'node_modules' ? 'node_modules' : `${name}/`;
}

function fileClass(path: string, name: string): Classification | undefined {
  if (Object.hasOwn(FILES, name)) {
    const [cls, pattern] = FILES[name];
    if (
      name === 'install-state.gz' &&
      !path.endsWith('.yarn/install-state.gz')
    ) {
      return exactFile('archive', path);
    }
    return { cls, root: path, pattern };
  }
  if (!name.includes('.')) return undefined;
  if (isEnvFile(name)) {
    return {
      cls: 'secret',
      root: path,
      pattern: name === '.env' ? '.env' : envPattern(name),
    };
  }
  if (KEY_STORE.test(name)) return exactFile('secret', path);
  if (MAYBE_KEY.test(name))
    return { ...exactFile('secret', path), needsContent: 'private-key' };
  if (name.endsWith('.tsbuildinfo'))
    return { cls: 'build', root: path, pattern: '*.tsbuildinfo' };
  if (name.endsWith('.pyc'))
    return { cls: 'cache', root: path, pattern: '*.pyc' };
  if (JUNIT.test(name))
    return { cls: 'test-report', root: path, pattern: 'junit*.xml' };
  if (LOG.test(name))
    return { cls: 'log', root: path, pattern: logPattern(name) };
  if (ARCHIVE.test(name)) return exactFile('archive', path);
  return undefined;
}

function exactFile(cls: ArtifactClass, path: string): Classification {
  return { cls, root: path, pattern: `/${escapeGitignore(path)}` };
}

/** `.env`, `.env.production`, `prod.env`; not `.env.example` nor `.env.ts`. */
export function isEnvFile(name: string): boolean {
  if (name === '.env') return true;
  if (CODE_EXTENSIONS.test(name)) return false;
  if (name.startsWith('.env.')) {
    const parts = name.slice('.env.'.length).split('.');
    return !parts.some((part) => ENV_TEMPLATES.has(part.toLowerCase()));
  }
  return name.endsWith('.env') && name.length > '.env'.length;
}

function envPattern(name: string): string {
  return name.startsWith('.env.') ? '.env.*' : '*.env';
}

function logPattern(name: string): string {
  if (/-debug\.log/i.test(name)) return `${name.split('-debug')[0]}-debug.log*`;
  if (/-error\.log/i.test(name)) return `${name.split('-error')[0]}-error.log*`;
  return name.toLowerCase().endsWith('.log') ? '*.log' : '*.log.*';
}

/** Templates that sit beside env files and must stay tracked. */
export function isEnvTemplate(name: string): boolean {
  return (
    name.startsWith('.env.') && !isEnvFile(name) && !CODE_EXTENSIONS.test(name)
  );
}

export const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
