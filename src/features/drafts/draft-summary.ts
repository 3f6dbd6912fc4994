import type { Draft } from '../../engine/drafts/draft.js';
import { processAlive } from '../../engine/files/write-atomic.js';
import { hostname } from 'node:os';

/** A draft as `recover --list` shows it, and as its JSON carries it. */
export interface DraftSummary {
  file: string;
  configPath: string;
  srcTree: string;
  objTree: string;
  arch: string;
  kernelVersion: string;
  pid: number;
  host: string;
  /** The session is still running (then its changes are its own, not to be recovered). */
  running: boolean;
  started: string;
  updated: string;
  unsaved: number;
  /** The applied steps, oldest first: what the user did. */
  steps: { label: string; requests?: { name: string; value: string }[] }[];
}

export function draftSummary(draft: Draft): DraftSummary {
  const { header, history } = draft;
  return {
    file: draft.file,
    configPath: header.configPath,
    srcTree: header.srcTree,
    objTree: header.objTree,
    arch: header.arch,
    kernelVersion: header.kernelVersion,
    pid: header.pid,
    host: header.host,
    running: header.host !== hostname() || processAlive(header.pid),
    started: new Date(header.started).toISOString(),
    updated: new Date(draft.updated).toISOString(),
    unsaved: history.unsavedCount,
    steps: history.appliedSteps.map((step) => (step.kind === 'requests' ? { label: step.label, requests: step.requests } : { label: step.label })),
  };
}
