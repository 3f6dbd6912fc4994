import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Session } from '../../../engine/session.js';
import { type OpenedProfiles, openProfiles, type Profile, type ProfileStatus } from '../../../features/checks/index.js';
import { type HardwareSourceOptions, hardwareInputsFor } from '../../../features/hardware/hardware-source.js';
import type { ConfigState } from '../../../model/types.js';
import { errorText } from '../../intents/messages.js';
import type { ProfilesStatus } from './content.js';
import { regressionWarning } from './rows.js';

/** Where the checks pane finds profiles: the user's in `$XDG_CONFIG_HOME/tuxconf/profiles` from `env`; `boot` from `hardware`. */
export interface ChecksSourceOptions {
  env?: NodeJS.ProcessEnv;
  /** The machine boots without an initrd: what comes before the root file system must be built in. */
  noInitrd?: boolean;
}

export interface ChecksProfilesHandle {
  status: ProfilesStatus;
  opened: OpenedProfiles | null;
  /** Each profile's status on the values the config has now. */
  statuses: ProfileStatus[] | null;
  /** Loaded profiles that were met and are not any more, for the header. */
  warning: string | null;
  reload(): void;
}

/**
 * The profiles, read when the checks pane first opens (or at once when a hardware capture names
 * the machine to boot: its `boot` profile is watched from the start), evaluated on every change.
 * A profile met once and unmet now is a warning for the header.
 */
export function useChecksProfiles(
  session: Session,
  config: ConfigState,
  load: boolean,
  source: ChecksSourceOptions,
  hardware: HardwareSourceOptions,
): ChecksProfilesHandle {
  const [status, setStatus] = useState<ProfilesStatus>({ kind: 'idle' });
  const [opened, setOpened] = useState<OpenedProfiles | null>(null);
  const loads = useRef(0);
  const everMet = useRef(new WeakSet<Profile>());
  // The values the menu started with: a profile met then counts as met, even if a change came before it was read.
  const startConfig = useRef(config).current;
  const env = source.env ?? process.env;
  const initrd = !source.noInitrd;

  useEffect(() => () => void loads.current++, []);
  useEffect(() => {
    if (!load || status.kind !== 'idle') return;
    const run = ++loads.current;
    setStatus({ kind: 'loading' });
    openProfiles(session, { env, initrd, machine: () => hardwareInputsFor({ env, ...hardware }) }).then(
      (result) => {
        if (loads.current !== run) return;
        setOpened(result);
        setStatus({ kind: 'ready' });
      },
      (cause: unknown) => loads.current === run && setStatus({ kind: 'failed', error: errorText(cause) }),
    );
  }, [load, status.kind, session, env, initrd, hardware]);

  // Read from the session's values: `config` is the state they come from.
  const statuses = useMemo(() => (opened && config ? opened.checks.map((checks) => checks.evaluate()[0]!) : null), [opened, config]);
  const warning = useMemo(() => {
    if (!statuses || !opened) return null;
    const started = (name: string): string | undefined => {
      const info = session.model.byName.get(name);
      return info ? startConfig.symbols[info.index]?.value : undefined;
    };
    for (const [index, profile] of statuses.entries()) {
      if (everMet.current.has(profile.profile)) continue;
      if (profile.met || opened.checks[index]?.evaluateWith(started)[0]?.met) everMet.current.add(profile.profile);
    }
    return regressionWarning(statuses.filter((profile) => everMet.current.has(profile.profile)));
  }, [statuses, opened, session, startConfig]);

  const reload = useCallback(() => {
    loads.current++;
    setStatus({ kind: 'idle' });
  }, []);

  return { status, opened, statuses, warning, reload };
}
