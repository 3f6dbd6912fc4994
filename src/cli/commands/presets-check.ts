import type { Session } from '../../engine/session.js';
import type { PresetCatalog } from '../../features/presets/preset-catalog.js';
import { resolvePresets } from '../../features/presets/preset-catalog.js';
import { describeSuccessor } from '../../features/upgrade/describe.js';
import { checkPresets, type StaleRequest } from '../../features/upgrade/preset-check.js';
import { escapeControl } from '../../model/escape-text.js';
import { terminalJson } from '../../model/terminal-json.js';
import { type CommandIo, EXIT_FAILED, EXIT_OK } from '../command.js';

/**
 * `tuxconf presets --check [PRESET...]`: the requests of the presets (all of them, or those
 * named) that name symbols this tree does not have, with successors for the ones that are gone.
 * Exits 1 when a request names a symbol no Kconfig file of the tree defines.
 */
export async function runPresetsCheck(session: Session, catalog: PresetCatalog, names: string[], io: CommandIo, json: boolean): Promise<number> {
  const presets = names.length > 0 ? await resolvePresets(names, catalog, io.cwd) : catalog.presets;
  const stale = await checkPresets(session, presets);
  const gone = stale.filter((request) => request.status === 'gone');
  if (json) {
    const requests = stale.map((request) => ({
      ...request,
      successors: request.successors.map((successor) => successor.name),
      successorDetails: request.successors,
    }));
    io.stdout.write(`${terminalJson({ checked: presets.length, stale: requests })}\n`);
  } else {
    io.stdout.write(
      `${escapeControl(`Checked ${presets.length} presets against ${session.kernel.srcTree} (Linux ${session.kernel.version}, ARCH=${session.kernel.arch}): ${gone.length} requests name symbols this tree does not have, ${stale.length - gone.length} other architectures' symbols`)}\n`,
    );
    for (const request of stale)
      io.stdout.write(
        `${staleLines(request)
          .map((line) => escapeControl(line))
          .join('\n')}\n`,
      );
  }
  return gone.length > 0 ? EXIT_FAILED : EXIT_OK;
}

function staleLines(request: StaleRequest): string[] {
  const value = request.requested === null ? 'is not set' : `=${request.requested}`;
  const head = `  ${request.path}:${request.line}: CONFIG_${request.name}${request.requested === null ? ' ' : ''}${value}  (${request.preset})`;
  if (request.status === 'other-arch') return [`${head}: not on this architecture (defined in ${request.definedIn.join(', ')})`];
  const successors = request.successors.length > 0 ? `successors: ${request.successors.map(describeSuccessor).join(', ')}` : 'no successor found';
  return [`${head}: no longer in this tree`, `      ${successors}`];
}
