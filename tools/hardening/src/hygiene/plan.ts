import { isEnvTemplate } from './classify.js';
import {
  IGNORE_FILE,
  type IgnoreGap,
  type TrackedArtifact,
} from './evaluate.js';
import { describePlan, type FixPlan } from './fix.js';
import { planPatches } from './gitignore.js';
import type { TrackedFile } from './index-reader.js';

// `.env.*` would also ignore `.env.example`; keep the templates in.
export function addEnvTemplateNegations(
  files: readonly TrackedFile[],
  artifacts: readonly TrackedArtifact[],
  gaps: readonly IgnoreGap[],
): void {
  const templates = [
    ...new Set(
      files
        .map((file) => file.path.split('/').pop() ?? '')
        .filter(isEnvTemplate),
    ),
  ].sort();
  for (const item of [...artifacts, ...gaps]) {
    const patterns = item.suggestion?.patterns;
    if (patterns?.includes('.env.*'))
      patterns.push(...templates.map((name) => `!${name}`));
  }
}

export function buildPlan(
  root: string,
  artifacts: readonly TrackedArtifact[],
  gaps: readonly IgnoreGap[],
): FixPlan {
  const untrack: string[] = [];
  const skipped: FixPlan['skipped'] = [];
  const wanted: Array<{ file: string; pattern: string }> = [];
  for (const artifact of artifacts) {
    if (artifact.allowedBy) continue;
    if (artifact.cls === 'large-binary') {
      skipped.push({
        path: artifact.root,
        reason: 'the project may need it: move it to Git LFS or allowlist it',
      });
      continue;
    }
    untrack.push(...artifact.files.map((file) => file.path));
    for (const pattern of artifact.suggestion?.patterns ?? []) {
      wanted.push({ file: artifact.suggestion?.file ?? IGNORE_FILE, pattern });
    }
  }
  for (const gap of gaps) {
    if (gap.allowedBy) continue;
    for (const pattern of gap.suggestion.patterns)
      wanted.push({ file: gap.suggestion.file, pattern });
  }
  untrack.sort();
  const patches = planPatches(root, wanted);
  return {
    untrack,
    patches,
    commands: describePlan(untrack, patches),
    skipped,
  };
}
