import type { Change } from './compare.js';
import type { SqlFile } from './sql/files.js';

/** Where a change is best looked at: a file and, when found, a line. */
export interface Place {
  file: string;
  line?: number;
}

/**
 * Finds the file a person should open for a change: for objects the target
 * has and the migrations lack, the canonical file defining them; otherwise
 * the latest migration naming the object. A name search, not a parse: the
 * line is a pointer, the finding itself comes from the catalogs.
 */
export function locateChange(
  change: Change,
  migrations: readonly SqlFile[],
  schemaFiles: readonly SqlFile[],
  fallback: string,
): Place {
  const word = simpleName(change.object.name);
  const files = change.type === 'added' ? schemaFiles : migrations;
  const pattern = new RegExp(`(^|[^\\w$])"?${escape(word)}"?(?![\\w$])`, 'i');
  const hint = ATTRIBUTE_HINTS[change.attribute ?? ''];
  const found =
    (hint && search(files, (line) => pattern.test(line) && hint.test(line))) ||
    search(files, (line) => pattern.test(line));
  return found ?? { file: files[files.length - 1]?.display ?? fallback };
}

// Words on the line that most likely changed an attribute.
const ATTRIBUTE_HINTS: Record<string, RegExp> = {
  rls: /row\s+level\s+security/i,
  'forced rls': /row\s+level\s+security/i,
  default: /\bdefault\b/i,
  comment: /\bcomment\b/i,
  privileges: /\b(grant|revoke)\b/i,
  grants: /\bdefault\s+privileges\b/i,
};

// The last matching line of the last file that has one.
function search(
  files: readonly SqlFile[],
  test: (line: string) => boolean,
): Place | undefined {
  for (let index = files.length - 1; index >= 0; index -= 1) {
    const lines = files[index].text.split('\n');
    for (let line = lines.length - 1; line >= 0; line -= 1) {
      if (test(lines[line]))
        return { file: files[index].display, line: line + 1 };
    }
  }
  return undefined;
}

/** The object's own unqualified name: `bio` for public.profiles.bio, `x` for "x" on t. */
export function simpleName(name: string): string {
  let text = name.replace(/^on \w+ /, '').replace(/ to \S+$/, '');
  text = text.split(' on ')[0].split(' in ')[0].split('(')[0];
  const parts = text.split('.');
  return parts[parts.length - 1].replace(/^"|"$/g, '').replace(/^'|'$/g, '');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
