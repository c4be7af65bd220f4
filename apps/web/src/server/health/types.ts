/** The outcome of one dependency check, safe to show to anyone. */
export type CheckStatus = 'ok' | 'fail' | 'skipped';

export type CheckName = 'env' | 'rest' | 'database';

export interface CheckResult {
  name: CheckName;
  status: CheckStatus;
  durationMs: number;
  /** A fixed phrase chosen by the check, never an error message or a value. */
  detail: string;
  /** A stable machine-readable reason for failures (ECONNREFUSED, TIMEOUT, HTTP_503...). */
  code?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: CheckResult[];
  /** ISO time the checks finished. */
  checkedAt: string;
}

export const CHECK_LABELS: Record<CheckName, string> = {
  env: 'Configuration',
  rest: 'Supabase REST API',
  database: 'Database',
};
