import { inputFromFile, lspciInputName, readCapture } from './capture-directory.js';
import { gatherLocalInputs } from './gather-local-inputs.js';
import { type HardwareInputs, INPUT_LIMITS, INPUT_NAMES, type InputName } from './hardware-inputs.js';

export interface HardwareSourceOptions {
  /** A directory written by `tuxconf capture` on the machine to configure for. */
  hwFrom?: string;
  /** `lsmod` output of the machine (like localmodconfig's LSMOD=FILE). */
  lsmod?: string;
  /** `lspci -nnk` or `lspci -vmmnnk` output of the machine. */
  lspci?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The inputs describing the machine to configure for: a capture directory, files given one by one
 * (`--lsmod`, `--lspci`: then they alone describe that other machine, as LSMOD= does for
 * localmodconfig), or else this machine. Given files replace the same input of a capture.
 */
export async function hardwareInputsFor(options: HardwareSourceOptions = {}): Promise<HardwareInputs> {
  let lspciText: string | null = null;
  if (options.lspci) {
    const input = await inputFromFile(options.lspci, 'lspci output', INPUT_LIMITS['lspci-vmmnnk']);
    lspciText = input.ok ? input.text : null;
  }
  const fileGiven = options.lsmod !== undefined || options.lspci !== undefined;
  const inputs = options.hwFrom
    ? await readCapture(options.hwFrom)
    : fileGiven
      ? onlyGivenFiles()
      : await gatherLocalInputs({ env: options.env });
  if (options.lsmod) {
    inputs.inputs.lsmod = await inputFromFile(options.lsmod, 'lsmod output', INPUT_LIMITS.lsmod);
    inputs.inputs['proc-modules'] = { ok: false, source: '/proc/modules', error: `not read: --lsmod ${options.lsmod} lists the loaded modules`, notAsked: true };
  }
  if (options.lspci && lspciText !== null) {
    const name = lspciInputName(lspciText);
    const other: InputName = name === 'lspci-nnk' ? 'lspci-vmmnnk' : 'lspci-nnk';
    inputs.inputs[name] = { ok: true, source: options.lspci, text: lspciText, warnings: [] };
    inputs.inputs[other] = { ok: false, source: other, error: `not read: --lspci ${options.lspci} describes the devices`, notAsked: true };
  }
  return inputs;
}

function onlyGivenFiles(): HardwareInputs {
  const inputs = Object.fromEntries(
    INPUT_NAMES.map((name) => [
      name,
      { ok: false, source: name, error: 'not read: --lsmod/--lspci describe another machine (use --hw-from DIR for all of it)', notAsked: true },
    ]),
  ) as HardwareInputs['inputs'];
  return { origin: 'given files', kernelRelease: null, inputs };
}
