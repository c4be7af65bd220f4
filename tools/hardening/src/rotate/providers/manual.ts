import { ShipshapeError } from '../../errors.js';
import type { Prompter } from '../apply/checklist.js';
import type { CredentialAdapter, NewCredential } from './types.js';

export type ManualKind = 'supabase-jwt-secret' | 'database-password' | 'other';

export interface ManualSettings {
  kind: ManualKind;
  newValueEnv?: string;
  checklist?: string[];
  downtime?: string;
}

interface ManualDefaults {
  title: string;
  downtime: string;
  create: string[];
  revoke: string;
  rollback: string;
}

const DEFAULTS: Record<ManualKind, ManualDefaults> = {
  'supabase-jwt-secret': {
    title: 'legacy Supabase JWT secret (no API can rotate it)',
    downtime:
      'a new JWT secret invalidates the anon and service_role keys and every signed-in session at once; clients fail until they get the new keys',
    create: [
      'Announce a maintenance window: every user is signed out.',
      'Dashboard > Project Settings > JWT Keys > Legacy JWT secret: generate a new secret.',
      'Copy the new value (or the new keys derived from it) into the variable named below, in this shell only.',
    ],
    revoke:
      'nothing left to do: the old JWT secret stopped working when the new one was generated',
    rollback:
      'a rotated JWT secret cannot be set back by API; generate or set it again in the dashboard',
  },
  'database-password': {
    title: 'database password (no API can rotate it)',
    downtime:
      'the old password stops working at once; connections opened with it fail until every consumer has the new connection string',
    create: [
      'Dashboard > Project Settings > Database > Reset database password.',
      'Build the new connection string(s), pooler ones included, and put the value into the variable named below, in this shell only.',
    ],
    revoke:
      'nothing left to do: the old password stopped working when it was reset',
    rollback:
      'reset the password again in the dashboard to the value your consumers still hold',
  },
  other: {
    title: 'manual rotation',
    downtime:
      'the provider applies the change at once; plan for a short outage',
    create: [
      "Create the new credential in the provider's dashboard and put it in the variable named below.",
    ],
    revoke: "revoke the old credential in the provider's dashboard",
    rollback: "undo the change in the provider's dashboard",
  },
};

/**
 * Rotations no API can do. The command shows the checklist with its
 * downtime warning and waits; the new value is read from an environment
 * variable of the operator's shell, never typed into a file.
 */
export function manualAdapter(
  name: string,
  settings: ManualSettings,
  prompter: Prompter,
  env: NodeJS.ProcessEnv,
): CredentialAdapter {
  const defaults = DEFAULTS[settings.kind];
  const downtime = settings.downtime ?? defaults.downtime;
  const items = [...(settings.checklist ?? defaults.create)];
  if (settings.newValueEnv)
    items.push(
      `export ${settings.newValueEnv}=<new value> in the shell running shipshape.`,
    );

  return {
    kind: `manual:${settings.kind}`,
    automated: false,
    describe: () => defaults.title,
    findCurrent: async () => ({ note: 'revoked by hand (see the checklist)' }),
    async create(): Promise<NewCredential> {
      const done = await prompter.confirm({
        title: `${name}: ${defaults.title}`,
        warning: downtime,
        items,
      });
      if (!done) {
        throw new ShipshapeError(
          'INTERRUPTED',
          `${name}: the manual checklist was not completed; nothing after it ran.`,
        );
      }
      if (!settings.newValueEnv) return { value: '', label: 'set by hand' };
      const value = env[settings.newValueEnv];
      if (!value) {
        throw new ShipshapeError(
          'BAD_OPTION',
          `${settings.newValueEnv}: empty in this shell; export the new value of ${name} there and run again.`,
        );
      }
      return { value, label: `set by hand (from ${settings.newValueEnv})` };
    },
    deleteNew: async () => undefined,
    revokeOld: async () => undefined,
    texts: {
      create: `manual checklist (${items.length} items), then read the new value from ${settings.newValueEnv ?? '(no variable: nothing to distribute)'}`,
      createRollback: defaults.rollback,
      revoke: defaults.revoke,
      revokeRollback: 'none',
      warning: downtime,
    },
  };
}
