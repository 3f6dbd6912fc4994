/**
 * Variables that vary between terminals and logins but change neither what kbuild exports to its
 * kconfig frontends nor what a toolchain probe or Kconfig reads. Caches are keyed without them,
 * and the frontend gets the current values of them (see `launchEnvironment`).
 */
const VOLATILE =
  /^(TERM.*|COLORTERM|SSH_.*|DISPLAY|WAYLAND_.*|PWD|OLDPWD|SHLVL|_|TMUX.*|STY|WINDOWID|COLUMNS|LINES|LS_COLORS|NO_COLOR|FORCE_COLOR|XDG_SESSION_.*|XDG_RUNTIME_DIR|DBUS_.*|TUXCONF_.*|MAIL|LOGNAME|USER|INVOCATION_ID|JOURNAL_STREAM|NODE_.*|npm_.*|INIT_CWD)$/;

export function isVolatile(name: string): boolean {
  return VOLATILE.test(name);
}

/** The variables of an environment that a cache is keyed by: every set one but the volatile ones, sorted by name. */
export function stableEntries(env: NodeJS.ProcessEnv | Record<string, string>): [string, string][] {
  return Object.keys(env)
    .filter((name) => !isVolatile(name) && env[name] !== undefined)
    .sort()
    .map((name) => [name, env[name]!]);
}

/**
 * The environment a kconfig frontend runs in: what kbuild exports, except the volatile variables,
 * which come from tuxconf's own environment. A probed and a cached kbuild environment give the
 * same result this way, whatever terminal or login each was made in.
 */
export function launchEnvironment(kbuildEnv: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of stableEntries(kbuildEnv)) result[name] = value;
  for (const name of Object.keys(env)) {
    const value = env[name];
    if (isVolatile(name) && value !== undefined) result[name] = value;
  }
  return result;
}
