/** How the user asked to open a tree: the same knobs `make menuconfig` takes. */
export interface OpenOptions {
  /** Source tree (`-C`); default the current directory. */
  tree?: string;
  /** Output directory (`O=`); `.config` lives there. */
  output?: string;
  /** `ARCH=`; default `$ARCH` or the host's. */
  arch?: string;
  /** `KCONFIG_CONFIG`: the config file to load and save. */
  config?: string;
  /** Variables given on the command line as make takes them: CROSS_COMPILE, LLVM, CC, ... */
  makeVars?: Record<string, string>;
  /** Keep unsaved changes in a draft that survives the process (the interactive menu). */
  drafts?: boolean;
  /** Open the demo tree in fixtures/ even inside a kernel tree. */
  demo?: boolean;
  /**
   * Resolve as soon as the first menu can be drawn from the start cache (model and initial state
   * of an earlier run with the same inputs), before the kconfig frontend is ready: the session's
   * `ready` says when its state is the kernel's own and requests run (they wait until then).
   */
  early?: boolean;
  /** Bypass every cache of what a start computes (kbuild's environment, probe results, menu model, initial state): `--no-cache`, or TUXCONF_NO_CACHE=1. */
  noCache?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Progress for slow first runs (building the kconfig library, extracting a source). */
  onProgress?: (message: string) => void;
  /**
   * Called (maybe more than once) when the opening starts waiting for another process: make, or
   * the frontend parsing Kconfig. The process itself is idle meanwhile: the menu loads its modules then.
   */
  onWaiting?: () => void;
  /** Abandons the opening when aborted (a signal while the tree loads): no frontend and no session directory are left. */
  signal?: AbortSignal;
}
