import { TuxconfError } from '../errors.js';

/** Why a file tuxconf was asked to read was not read. */
export type InputProblem = 'missing' | 'is-directory' | 'not-regular' | 'too-large' | 'symlink' | 'outside' | 'unreadable';

/** A file that could not be read as the input it was meant to be; `problem` says why, for callers that branch on it. */
export class InputRejectedError extends TuxconfError {
  override name = 'InputRejectedError';
  readonly problem: InputProblem;
  readonly path: string;

  constructor(path: string, problem: InputProblem, message: string, hint?: string) {
    super(message, hint === undefined ? {} : { hint });
    this.path = path;
    this.problem = problem;
  }
}
