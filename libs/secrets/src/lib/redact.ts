// TODO(issue 3): replace with the rule catalog shared with the scanner.
const CREDENTIAL_URL = /([a-z][a-z0-9+.-]*:\/\/[^:\s/@]+:)([^@\s/]+)(@)/gi;

/** Replaces secret-shaped substrings with a marker. */
export function redactSecrets(text: string): string {
  return text.replace(CREDENTIAL_URL, '$1[REDACTED]$3');
}
