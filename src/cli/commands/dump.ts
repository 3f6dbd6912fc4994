import { type Command, EXIT_OK } from '../command.js';
import { KBUILD_USAGE } from '../kbuild-args.js';
import { formatOptions, type OptionTable } from '../options.js';
import { parseCommandArgs, withSession } from '../session-command.js';
import { rowText } from '../../model/menu-rows.js';
import { walkMenus } from '../../model/menu-walk.js';
import { nodeSymbol } from '../../model/node-symbol.js';

const OPTIONS = {
  json: { type: 'boolean', help: 'one array of objects: node, level, depth, kind, menuconfig, prompt, name, type,\nvalue, visible, changeable, location' },
  all: { type: 'boolean', help: "include entries hidden by unmet dependencies (menuconfig's show-all)" },
} as const satisfies OptionTable;

export const dumpCommand: Command = {
  name: 'dump',
  summary: 'print the menu tree with values and visibility',
  usage: `Usage: tuxconf dump [OPTIONS] [--json] [--all]

Prints every menu entry menuconfig shows, in its order, with values, each
submenu's entries after the entry that opens it.

${formatOptions(OPTIONS)}

${KBUILD_USAGE}`,
  options: OPTIONS,
  async run(argv, io) {
    const { open, values } = parseCommandArgs(argv, OPTIONS);
    return withSession(open, io, async (session) => {
      const { model, state } = session;
      const rows = walkMenus(model, state, { showAll: values.all ?? false });
      if (values.json) {
        const entries = rows.map((row) => {
          const node = model.nodes[row.node]!;
          const info = nodeSymbol(model, node);
          const symbolState = info ? state.symbols[info.index] : undefined;
          return {
            node: row.node,
            level: row.level,
            depth: row.depth,
            header: row.header,
            kind: node.kind,
            menuconfig: node.menuconfig,
            prompt: node.prompt,
            name: info?.name ?? null,
            type: info?.type ?? null,
            value: symbolState?.value ?? null,
            visible: !row.hidden,
            changeable: symbolState?.changeable ?? false,
            location: `${node.location.file}:${node.location.line}`,
          };
        });
        io.stdout.write(`${JSON.stringify(entries, null, 1)}\n`);
      } else {
        for (const row of rows) {
          const node = model.nodes[row.node]!;
          const info = nodeSymbol(model, node);
          const name = info && !row.header ? `  [${info.name}]` : '';
          io.stdout.write(`${'    '.repeat(row.level)}${rowText(model, state, row)}${name}\n`);
        }
      }
      return EXIT_OK;
    });
  },
};
