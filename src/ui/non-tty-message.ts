/**
 * What to print when tuxconf is started without a terminal (stdin or stdout is a pipe, a file
 * or a CI job): the menu needs one, and the subcommands do the same work without it.
 */
export function nonTtyMessage(stream: 'stdin' | 'stdout' = 'stdin'): string {
  return [
    `tuxconf: the menu needs a terminal, but ${stream} is not one.`,
    'Run tuxconf from a terminal, or use the subcommands, which need none:',
    '  tuxconf get CONFIG_E1000E           print values',
    '  tuxconf set CONFIG_E1000E=m         change values by the kernel\'s rules and save',
    '  tuxconf search ethernet             find symbols',
    '  tuxconf --help                      every subcommand',
  ].join('\n');
}
