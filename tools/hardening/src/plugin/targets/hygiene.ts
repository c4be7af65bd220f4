import type { TargetConfiguration } from '@nx/devkit';
import { engineInputs, reportFiles, type ProjectFacts } from '../facts.js';

const DESCRIPTION =
  'Find tracked artifacts (dependencies, build output, caches, env files and keys, archives, logs, large binaries) and ignore rules that miss where the projects live.';

/**
 * Hashes every `.gitignore` in the working tree that git would read or list
 * (tracked, or untracked and not ignored): its path and content, or the link
 * target for a symlink. The paths travel NUL-separated from `git ls-files -z`
 * and as raw bytes (latin1 round-trips them), so quotes, newlines, spaces and
 * non-UTF-8 names hash like any other. No shell quoting is involved: the
 * script has no `"`, `$`, backtick, backslash, `%` or `!`, so it survives
 * both sh and cmd.exe inside one pair of double quotes.
 */
export const IGNORE_FILES_DIGEST_SCRIPT = [
  "const c=require('child_process'),f=require('fs'),h=require('crypto').createHash('sha256'),z=String.fromCharCode(0);",
  "const o=c.execFileSync('git',['ls-files','-z','--cached','--others','--exclude-standard','--','.gitignore','*/.gitignore'],{maxBuffer:1e9}).toString('latin1');",
  'for(const p of [...new Set(o.split(z).filter(Boolean))].sort()){',
  "const q=Buffer.from(p,'latin1');let b;",
  "try{b=f.lstatSync(q).isSymbolicLink()?Buffer.from('link:'+f.readlinkSync(q,'latin1'),'latin1'):f.readFileSync(q)}catch(e){b=Buffer.from('missing')}",
  'h.update(q);h.update(z+b.length+z);h.update(b)}',
  "console.log(h.digest('hex'))",
].join('');

/**
 * Git's index is what hygiene checks, and Nx hashes neither the index nor
 * ignored files: one runtime input hashes `git ls-files -s` (paths, modes,
 * blob ids), another every .gitignore's current content, so the target
 * re-runs exactly when either changes.
 */
export const HYGIENE_RUNTIME_INPUTS = [
  { runtime: 'git ls-files -s | git hash-object --stdin' },
  { runtime: `node -e "${IGNORE_FILES_DIGEST_SCRIPT}"` },
] as const;

/** `hygiene` on the workspace root only: it checks the whole repository. */
export const hygieneTargets = (
  facts: ProjectFacts,
): Record<string, TargetConfiguration> => {
  if (facts.root !== '.') return {};
  const reports = reportFiles(facts, 'hygiene');
  return {
    hygiene: {
      executor: 'nx:run-commands',
      options: { command: `shipshape hygiene ${reports.args}` },
      cache: true,
      inputs: [
        '{workspaceRoot}/shipshape.config.json',
        '{workspaceRoot}/shipshape.config.yaml',
        '{workspaceRoot}/shipshape.config.yml',
        ...engineInputs(facts.engine, ['hygiene']),
        ...testFilesOf(facts),
        ...HYGIENE_RUNTIME_INPUTS.map((input) => ({ ...input })),
      ],
      outputs: reports.outputs,
      metadata: {
        technologies: ['shipshape'],
        description: DESCRIPTION,
        help: {
          command: 'pnpm exec shipshape hygiene --help',
          example: { options: { command: 'shipshape hygiene --max-size 5MB' } },
        },
      },
    },
  };
};

// The engine's tests do not change what hygiene reports.
function testFilesOf(facts: ProjectFacts): string[] {
  if (facts.engine.kind !== 'source') return [];
  const folder = `{workspaceRoot}/${facts.engine.root}/src/hygiene`;
  return [`!${folder}/**/*.spec.ts`, `!${folder}/testing/**/*`];
}
