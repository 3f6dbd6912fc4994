/** Plain data for fragment presets: named groups of requested option values. */

export type PresetFormat = 'fragment' | 'guix';

/** Where a preset came from, which decides how strictly it is checked and how it is named. */
export type PresetOrigin =
  /** `kernel/configs/NAME.config` and `arch/$SRCARCH/configs/NAME.config`: what `make NAME.config` merges. */
  | 'tree'
  /** `arch/$SRCARCH/configs/*defconfig`: a whole starting configuration, like `make NAME_defconfig`. */
  | 'base'
  /** `$XDG_CONFIG_HOME/tuxconf/presets/`. */
  | 'user'
  /** `.tuxconf/presets/` in the working directory. */
  | 'project'
  /** A file named on the command line. */
  | 'file';

/** One requested value, as written in a fragment or a Guix list. */
export interface PresetEntry {
  /** Symbol name without the `CONFIG_` prefix. */
  name: string;
  /**
   * The right-hand side as the kernel's config reader sees it: `y`, `m`, `n`, `"quoted string"`,
   * `42`, `0x1f`, or null for `# CONFIG_X is not set`.
   */
  text: string | null;
  /** 1-based line in the source file. */
  line: number;
}

/** One file of entries. A `make NAME.config` preset can merge two of them. */
export interface PresetFile {
  path: string;
  format: PresetFormat;
  entries: PresetEntry[];
  /**
   * What merge_config.sh appends for this file: a fragment's own text, comments and all, or the
   * fragment lines a Guix list stands for.
   */
  text: string;
}

/**
 * One kernel configuration run. `merge` is `make NAME.config` (merge_config.sh -m of the files in
 * order, then olddefconfig); `defconfig` is `make NAME_defconfig` (the file becomes the whole
 * configuration); `allno` is `make allnoconfig` with the files as KCONFIG_ALLCONFIG.
 */
export interface PresetStep {
  kind: 'merge' | 'defconfig' | 'allno';
  files: PresetFile[];
}

export interface Preset {
  /** What the user types: `kvm_guest.config`, `x86_64_defconfig`, `tinyconfig`, `efi`, ... */
  name: string;
  origin: PresetOrigin;
  description: string;
  /** Run in order, as the make targets they stand for are. */
  steps: PresetStep[];
}

/** A problem found while reading a source, with the place to fix it. */
export interface SourceIssue {
  path: string;
  line: number;
  column?: number;
  message: string;
}
