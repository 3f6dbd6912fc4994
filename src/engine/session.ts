import { createHash } from 'node:crypto';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import {
  bareStringValue,
  type ConfigAssignment,
  formatConfigLine,
  mergeFragmentText,
  quoteConfigString,
  sameConfigValue,
  stripConfigPrefix,
  unstorableValueReason,
} from '../model/config-text.js';
import { escapeControl } from '../model/escape-text.js';
import { type FileDifference, fileDifferences } from '../model/file-differences.js';
import { closestNames } from '../model/similar-names.js';
import type { ConfigState, Explanation, MenuModel, SymbolInfo, Tristate } from '../model/types.js';
import type { Draft } from './drafts/draft.js';
import type { DraftEvent } from './drafts/draft-format.js';
import { DraftJournal } from './drafts/draft-journal.js';
import type { DraftStore, Holder } from './drafts/draft-store.js';
import { TuxconfError } from './errors.js';
import { LARGE_INPUT, readBounded } from './files/read-bounded.js';
import { replaceFile } from './files/write-atomic.js';
import { FrontendExitedError, type FrontendLaunch, FrontendProcess, type StateAnswer } from './frontend-process.js';
import type { KernelTree } from './kernel-tree.js';
import { modelFromTree } from './model-from-tree.js';
import { atLeastHolds, DEFAULT_FROZEN, type FixOptions, type FixPlan, type FixTarget, fixLabel, fixRequest, mergeTargets, prepareTargets } from './fix-plan.js';
import {
  applyChanges,
  type FixResult,
  type FixTargetOutcome,
  type KernelOutput,
  type KconfigReads,
  type RefusalCode,
  type ReplyTo,
  type Request,
  type SetRefused,
  packedStateIs,
  type StateChanges,
  unpackState,
} from './protocol.js';
import { describeRefusal } from './refusal-reason.js';
import { type Step, StepHistory, type ValueRequest } from './step-history.js';
import { ValueDifferences } from './value-differences.js';
import { makeWorkDir, removeWorkDir } from './work-dir.js';
import { readConfigFile } from './config-file.js';

export type { ValueRequest } from './step-history.js';
export type { FixOptions, FixPlan, FixTarget } from './fix-plan.js';
export type { Draft } from './drafts/draft.js';
export type { Holder } from './drafts/draft-store.js';
// What the frontends (src/ui, src/cli) use of the engine besides the session itself.
export { formatError, TuxconfError } from './errors.js';
export type { KernelTree } from './kernel-tree.js';
export { unstorableValueReason } from '../model/config-text.js';

export interface ValueChange {
  name: string;
  from: string;
  to: string;
}

export type SetOutcome =
  | { ok: true; changed: ValueChange[] }
  | { ok: false; name: string; requested: string; code: RefusalCode; reason: string; explanation?: Explanation; lowest?: Tristate };

export interface BatchOutcome {
  ok: boolean;
  changed: ValueChange[];
  refused: Extract<SetOutcome, { ok: false }>[];
}

export interface SaveOptions {
  path?: string;
  /** Overwrite even if the file changed on disk since it was loaded. */
  force?: boolean;
}

/** Saving was refused: the config file is no longer what this session loaded (or last saved). */
export class ConfigChangedOnDiskError extends TuxconfError {
  override name = 'ConfigChangedOnDiskError';
  readonly path: string;

  constructor(path: string) {
    super(`${escapeControl(path)} changed on disk since tuxconf loaded it`, {
      hint: 'save to another file, reload it and apply your changes again, or overwrite it anyway (--force; in the menu, confirm the overwrite)',
    });
    this.path = path;
  }
}

/** A value from any source (a command line, a fragment, a list, an editor) that a .config line cannot hold. */
export class UnstorableValueError extends TuxconfError {
  override name = 'UnstorableValueError';
}

export interface SessionOptions {
  /** Keep unsaved changes in a draft journal as they are made (the menu does; one-shot commands do not). */
  drafts?: DraftStore;
  /**
   * What an earlier run with exactly the same inputs found (the start cache), given while the
   * frontend starts: the session then needs no `tree` answer, and with the initial state it can
   * show the first menu before the frontend is ready.
   */
  known?: Promise<KnownStart>;
  /** Resolve as soon as the model and the initial state are known (from `known`), before the frontend is ready; see `ready`. */
  early?: boolean;
  /** Told once the frontend has loaded the config, before any request made on the session runs. */
  onOpened?: (opened: OpenedStart) => void;
  /** Abandons the start when aborted before it has ended (a signal while the tree loads): the frontend is killed, the session's directory removed, and the start fails. */
  signal?: AbortSignal;
}

/** A start from what is known: the config's bytes as read for the cache's key, and what the cache held for them. */
export interface KnownStart {
  /** The config file's bytes (null: there is none); the session loads exactly these. */
  configBytes: Buffer | null;
  model?: MenuModel;
  /**
   * The state right after loading `configBytes` into `model`, with what the kernel printed, what
   * it made otherwise than the file says, and the digest of the frontend's state reply it was read
   * from (see FrontendProcess.requestState).
   */
  initial?: { state: ConfigState; warnings: string[]; messages: string[]; fileDifferences: FileDifference[]; replyDigest?: string };
}

/** What a session started from, once the frontend has confirmed (or corrected) it. */
export interface OpenedStart {
  model: MenuModel;
  state: ConfigState;
  warnings: string[];
  messages: string[];
  /** What the config file sets that the kernel made otherwise (see `fileDifferences`). */
  fileDifferences: FileDifference[];
  /** What the parse read: only when the model came from the frontend (not from `known`). */
  reads?: KconfigReads;
  /** When the frontend was started, for telling files that changed around the parse. */
  frontendStartedMs: number;
  /** 'none': no known state was given; 'confirmed': the frontend computed exactly it; 'corrected': it differed, and the session now holds the frontend's. */
  knownState: 'none' | 'confirmed' | 'corrected';
  /** The digest of the frontend's state reply that `state` is (see FrontendProcess.requestState). */
  stateReplyDigest?: string;
}

/** The cached menu does not match what the frontend parsed: the start cache missed a change. */
export class KnownStartMismatchError extends TuxconfError {
  override name = 'KnownStartMismatchError';
}

/** What applying a fix did: the batch, and whether every target it was planned for holds. */
export interface FixApplyOutcome extends BatchOutcome {
  /** Targets of the plan that do not hold after it (the step was undone then). */
  unmet: string[];
}

/** How a draft was put back: exactly (the config on disk is the one it was made on) or onto a changed config. */
export interface RestoreOutcome {
  mode: 'exact' | 'rebased';
  changed: ValueChange[];
  /** Requests of the draft that do not hold on the changed config, with why. */
  refused: Extract<SetOutcome, { ok: false }>[];
}

/**
 * An open configuration: the kernel's kconfig running in a frontend process, the user's
 * changes as an undo list, and the state after them. Survives the frontend dying by starting
 * it again and replaying the changes. With drafts, every change is journaled as it is made.
 */
export class Session {
  readonly kernel: KernelTree;
  readonly model: MenuModel;
  /** What the kernel printed while reading the config (unknown symbols, invalid values ...). */
  readonly loadWarnings: string[];
  readonly loadMessages: string[];
  /** Another session that has (or had, and did not close) this config open; null if none. */
  holder: Holder | null = null;
  /**
   * Settles once the frontend has loaded the config. Until then, a session opened early shows
   * the model and state of an earlier run with the same inputs, and every request made on it
   * (set, save, explain ...) waits for this, then runs in the order made. Rejects when the
   * frontend cannot start; those requests fail with the same error.
   */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  private readyPromise: Promise<void> = Promise.resolve();
  private frontend: FrontendProcess | undefined;
  /** While the frontend starts: requests wait for it. */
  private opening: Promise<void> | undefined;
  /** Stops a frontend that is still starting when the session closes. */
  private stopStart: AbortController | undefined;
  private readonly closeWaits: Promise<unknown>[] = [];
  private readonly closeStops: (() => void)[] = [];
  private closed = false;
  private readonly launch: FrontendLaunch;
  private readonly workDir: string;
  private currentState: ConfigState;
  /**
   * The state the frontend last reported (by `state`, `changes` or `set`): its `changes` and
   * `set` answers list only what differs from it. The session's state, except while the
   * frontend holds another config for a moment (a preview, a draft being read).
   */
  private reported: ConfigState = { symbols: [], nodes: [] };
  /** The digest of the state reply the session started from, for the start cache. */
  private initialReplyDigest: string | undefined;
  /**
   * The symbols whose value differs from the values as loaded (pending) and from the values as
   * loaded or last saved by this session (unsaved), kept with each change; each holds its baseline.
   */
  private readonly fromLoaded = new ValueDifferences([], true);
  private readonly fromSaved = new ValueDifferences([], false);
  /** The config file's bytes when loaded or last saved; null when it did not exist. */
  private diskBytes: Buffer | null;
  /** Whether the config existed when loaded (else the kernel's defaults list was used). */
  private loadedFromFile: boolean;
  private knownFileDifferences: { bytes: Buffer | null; state: ConfigState; differences: FileDifference[] } | undefined;
  private steps = new StepHistory();
  private readonly savedHashes: string[] = [];
  private readonly listeners = new Set<() => void>();
  private loadedText: string | undefined;
  private restarts = 0;
  private readonly drafts: DraftStore | undefined;
  private journal: DraftJournal | undefined;

  private constructor(init: {
    kernel: KernelTree;
    launch: FrontendLaunch;
    frontend: FrontendProcess | undefined;
    model: MenuModel;
    workDir: string;
    diskBytes: Buffer | null;
    drafts: DraftStore | undefined;
  }) {
    this.kernel = init.kernel;
    this.launch = init.launch;
    this.frontend = init.frontend;
    this.model = init.model;
    this.workDir = init.workDir;
    this.diskBytes = init.diskBytes;
    this.loadedFromFile = init.diskBytes !== null;
    this.loadWarnings = [];
    this.loadMessages = [];
    this.drafts = init.drafts;
    this.currentState = { symbols: [], nodes: [] };
  }

  static async start(kernel: KernelTree, launch: FrontendLaunch, options: SessionOptions = {}): Promise<Session> {
    if (options.known) return Session.startFromKnown(kernel, launch, options, options.known);
    const diskBytes = await readConfigFile(kernel.configPath);
    const workDir = await makeWorkDir();
    const frontendStartedMs = Date.now();
    const frontend = await FrontendProcess.start(launch, options.signal).catch(async (error: unknown) => {
      await removeWorkDir(workDir);
      throw error;
    });
    const abandon = (): void => frontend.kill();
    options.signal?.addEventListener('abort', abandon, { once: true });
    try {
      if (diskBytes !== null) await writeFile(join(workDir, 'loaded.config'), diskBytes);
      const asked = askFirst(frontend, workDir, diskBytes);
      const tree = await asked.tree;
      const model = modelFromTree(tree.result, tree.items);
      const session = new Session({ kernel, launch, frontend, model, workDir, diskBytes, drafts: options.drafts });
      await session.loadInitial(frontend, undefined, asked);
      if (options.onOpened) {
        const reads = (await asked.deps).result;
        options.onOpened({ ...session.openedStart('none', frontendStartedMs), reads });
      }
      if (options.drafts) await session.openDrafts(options.drafts);
      return session;
    } catch (error) {
      frontend.kill();
      await removeWorkDir(workDir);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', abandon);
    }
  }

  /**
   * A start from what an earlier run found: the frontend starts while `known` is read; with a
   * known model no `tree` answer is needed, and with a known initial state too (and `early`) the
   * session is returned at once, its state final when `ready` resolves.
   */
  private static async startFromKnown(kernel: KernelTree, launch: FrontendLaunch, options: SessionOptions, knownStart: Promise<KnownStart>): Promise<Session> {
    const workDir = await makeWorkDir();
    const frontendStartedMs = Date.now();
    const stop = new AbortController();
    const starting = FrontendProcess.start(launch, stop.signal);
    starting.catch(() => undefined);
    // Abandoned while it opens: a frontend still parsing is stopped, one loading the config killed.
    const abandon = (): void => {
      stop.abort();
      void starting.then(
        (frontend) => frontend.kill(),
        () => undefined,
      );
    };
    options.signal?.addEventListener('abort', abandon, { once: true });
    let session: Session | undefined;
    try {
      const known = await knownStart;
      const diskBytes = known.configBytes;
      if (diskBytes !== null) await writeFile(join(workDir, 'loaded.config'), diskBytes);
      let frontend: FrontendProcess | undefined;
      let model = known.model;
      let asked: FirstAnswers | undefined;
      if (!model) {
        frontend = await starting;
        asked = askFirst(frontend, workDir, diskBytes);
        const tree = await asked.tree;
        model = modelFromTree(tree.result, tree.items);
      }
      session = new Session({ kernel, launch, frontend, model, workDir, diskBytes, drafts: options.drafts });
      const opened = session;
      const initial = known.model ? known.initial : undefined;
      if (initial) {
        opened.currentState = initial.state;
        opened.setBaselines(initial.state.symbols.map((symbol) => symbol.value));
        opened.loadWarnings.push(...initial.warnings);
        opened.loadMessages.push(...initial.messages);
        opened.knownFileDifferences = { bytes: diskBytes, state: initial.state, differences: initial.fileDifferences };
      }
      const finish = async (): Promise<void> => {
        const running = frontend ?? (await starting);
        if (running.ready.nodes !== opened.model.nodes.length || running.ready.symbols !== opened.model.symbols.length) {
          running.kill();
          throw new KnownStartMismatchError('the cached menu does not match the tree the kernel parsed', {
            hint: 'start tuxconf again (the cache is rewritten), or with --no-cache',
          });
        }
        opened.frontend = running;
        // Confirmed: the state the first menu was drawn from stays, same object.
        const confirmed = await opened.loadInitial(running, initial, asked);
        const reads = known.model ? undefined : (await (asked?.deps ?? running.request({ op: 'deps' }))).result;
        let knownState: OpenedStart['knownState'] = 'none';
        if (initial) knownState = confirmed ? 'confirmed' : 'corrected';
        options.onOpened?.({ ...opened.openedStart(knownState, frontendStartedMs), ...(reads ? { reads } : {}) });
      };
      // A start that failed stays in `opening`: every later request fails with its error.
      // Listeners hear of the frontend being ready (isReady), and of a corrected state.
      const ready = finish().then(() => {
        opened.opening = undefined;
        opened.notify();
      });
      ready.catch(() => undefined);
      opened.readyPromise = ready;
      opened.opening = ready;
      opened.stopStart = stop;
      if (!(options.early && initial)) await ready;
      if (options.drafts) await opened.openDrafts(options.drafts);
      return opened;
    } catch (error) {
      stop.abort();
      await starting.then(
        (frontend) => frontend.kill(),
        () => undefined,
      );
      if (session) await session.close().catch(() => undefined);
      else await removeWorkDir(workDir);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', abandon);
    }
  }

  /**
   * The values the config file sets, as the session loaded or last saved it, that its state has
   * otherwise (what saving would change in the file); found once per file and state.
   */
  fileDifferences(): FileDifference[] {
    const { diskBytes, currentState } = this;
    const known = this.knownFileDifferences;
    if (known?.bytes === diskBytes && known.state === currentState) return known.differences;
    const differences = diskBytes === null ? [] : fileDifferences(this.model, diskBytes.toString('utf8'), (name) => this.value(name));
    this.knownFileDifferences = { bytes: diskBytes, state: currentState, differences };
    return differences;
  }

  /** Whether the frontend has loaded the config: the state is the kernel's own, not a known one. */
  get isReady(): boolean {
    return this.frontend !== undefined && this.opening === undefined;
  }

  /** What the session started from, for `onOpened`. */
  private openedStart(knownState: OpenedStart['knownState'], frontendStartedMs: number): OpenedStart {
    return {
      model: this.model,
      state: this.currentState,
      warnings: [...this.loadWarnings],
      messages: [...this.loadMessages],
      fileDifferences: this.fileDifferences(),
      frontendStartedMs,
      knownState,
      ...(this.initialReplyDigest ? { stateReplyDigest: this.initialReplyDigest } : {}),
    };
  }

  /**
   * Loads the config the session starts from into a frontend and reads the state after it:
   * the user's config (a private copy), or the kernel's defaults list when there is none.
   * With the state a cached start showed (`known`): whether the kernel's is the same, which then
   * stays the session's state (the same object, nothing rebuilt). A reply with the same bytes as
   * the one the known state was read from is not even decoded.
   */
  private async loadInitial(frontend: FrontendProcess, known?: { state: ConfigState; replyDigest?: string }, asked?: FirstAnswers): Promise<boolean> {
    const load = (): Promise<ReplyTo<'load'>> => frontend.request({ op: 'load', path: this.baselinePath() });
    let loaded = await (asked?.load ?? load());
    let stateAnswer = asked?.state;
    if (!loaded.ok && this.diskBytes === null) {
      // No config and no default config either: start from nothing, as the kernel does, but
      // from a file, because reading a missing file leaves earlier values in place on replays.
      await writeFile(join(this.workDir, 'loaded.config'), '');
      this.loadedFromFile = true;
      loaded = await load();
      stateAnswer = undefined;
    }
    // The kernel names the file it read: the private copy. Name the user's file instead.
    const copy = this.baselinePath();
    this.loadWarnings.splice(0, this.loadWarnings.length, ...(loaded.warnings ?? []).map((line) => line.split(copy).join(this.kernel.configPath)));
    this.loadMessages.splice(0, this.loadMessages.length, ...(loaded.messages ?? []));
    const answer = await (stateAnswer ?? frontend.requestState(known?.replyDigest));
    this.initialReplyDigest = answer.digest;
    if (answer.same || (known && packedStateIs(answer.reply.result, known.state))) {
      // The baselines were set from the same state when the early session was made (only a
      // known state has a digest to be the same as).
      this.currentState = this.reported = known!.state;
      return true;
    }
    this.currentState = this.reported = unpackState(answer.reply.result);
    this.setBaselines(this.currentState.symbols.map((symbol) => symbol.value));
    return false;
  }

  /** The config as loaded is also the one saved: both baselines are the state's values. */
  private setBaselines(values: string[]): void {
    this.fromLoaded.reset(this.currentState, values);
    this.fromSaved.reset(this.currentState, values);
  }

  /** Makes `close` wait for a task started for this session (a cache being written); `stop`, if given, is called first to cut it short. */
  waitBeforeClose(task: Promise<unknown>, stop?: () => void): void {
    this.closeWaits.push(task.catch(() => undefined));
    if (stop) this.closeStops.push(stop);
  }

  get state(): ConfigState {
    return this.currentState;
  }

  /** Steps since the last save. */
  get unsavedCount(): number {
    return this.steps.unsavedCount;
  }

  get canUndo(): boolean {
    return this.steps.applied > 0;
  }

  get canRedo(): boolean {
    return this.steps.next !== undefined;
  }

  /** Labels of the applied steps, oldest first. */
  get history(): string[] {
    return this.steps.appliedSteps.map((step) => step.label);
  }

  /** How often the frontend had to be restarted after dying. */
  get recoveries(): number {
    return this.restarts;
  }

  /** Why unsaved changes are not being kept in a draft (the state directory cannot be written), if so. */
  get draftProblem(): string | undefined {
    return this.journal?.problem;
  }

  symbol(name: string): SymbolInfo | undefined {
    return this.model.byName.get(stripConfigPrefix(name));
  }

  value(name: string): string | undefined {
    const info = this.symbol(name);
    return info ? this.currentState.symbols[info.index]?.value : undefined;
  }

  loadedValue(name: string): string | undefined {
    const info = this.symbol(name);
    return info ? this.fromLoaded.baselineValues[info.index] : undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async set(name: string, value: string): Promise<SetOutcome> {
    const outcome = await this.trySet({ name: stripConfigPrefix(name), value });
    // A request that changes no value (y on a symbol that is y) is no step to undo.
    if (outcome.ok && outcome.changed.length > 0) {
      this.pushStep({ kind: 'requests', label: `${stripConfigPrefix(name)}=${value}`, requests: [{ name: stripConfigPrefix(name), value }] });
    }
    return outcome;
  }

  /**
   * Sets several values as one undoable step. Requests are retried while others make them
   * possible (B depends on A given after it). With `atomic`, any refusal undoes the whole step.
   */
  async setMany(requests: ValueRequest[], label: string, options: { atomic?: boolean } = {}): Promise<BatchOutcome> {
    const before = this.currentState;
    let waiting = requests.map((request) => ({ ...request, name: stripConfigPrefix(request.name) }));
    const accepted: ValueRequest[] = [];
    let refused: Extract<SetOutcome, { ok: false }>[] = [];
    for (let progress = true; waiting.length > 0 && progress;) {
      progress = false;
      refused = [];
      const next: ValueRequest[] = [];
      for (const request of waiting) {
        const outcome = await this.trySet(request);
        if (outcome.ok) {
          accepted.push(request);
          progress = true;
        } else {
          refused.push(outcome);
          if (outcome.code !== 'unstorable' && outcome.code !== 'unknown') next.push(request);
        }
      }
      waiting = next;
    }
    // A later request may have overridden an earlier one (choices, selects): check the end result.
    for (const request of accepted) {
      if (!this.holds(request)) refused.push(await this.refusalFor(request));
    }
    if (accepted.length === 0 || (options.atomic && refused.length > 0)) {
      if (accepted.length > 0) await this.replay(this.steps.applied);
      return { ok: refused.length === 0, changed: [], refused };
    }
    this.pushStep({ kind: 'requests', label, requests: accepted });
    return { ok: refused.length === 0, changed: this.diffValues(before, this.currentState), refused };
  }

  /**
   * The changes of user values that make the targets hold, found by the frontend's solver and
   * each applied through kconfig (and put back) before it is returned; nothing changes here.
   * Symbols the user changed in this session are kept unless no fix exists otherwise (the plan
   * says so in `touchesProtected`), or always with `strict`.
   */
  async planFix(targets: FixTarget[], options: FixOptions = {}): Promise<FixPlan> {
    const prepared = prepareTargets(targets, this.model, (name, value) => this.frontendValue(this.symbol(name)!, value));
    const protect = options.protect ?? this.userChangedSymbols();
    const strict = options.strict ?? false;
    let result: FixResult | undefined;
    if (prepared.send.length > 0) {
      const freeze = options.freeze ?? DEFAULT_FROZEN;
      const reply = await this.call(fixRequest(prepared.send, { protect, strict, freeze, budgetMs: options.budgetMs, neverLower: options.neverLower }));
      if (!reply.ok) throw new TuxconfError(`the fix search failed: ${reply.error}`);
      result = reply.result;
    }
    return {
      targets: mergeTargets(targets.length, prepared, result),
      changes: result?.changes ?? [],
      effects: result?.effects ?? [],
      touchesProtected: result?.touchesProtected ?? [],
      stats: result?.stats ?? {
        ms: 0,
        encodeMs: 0,
        verifyMs: 0,
        cone: 0,
        variables: 0,
        clauses: 0,
        candidates: 0,
        rejected: 0,
        depth: 0,
        approximations: 0,
        timedOut: false,
      },
      requested: prepared.send,
      protect,
      strict,
    };
  }

  /**
   * Applies a planned fix as one undoable step through the same path as every batch (kconfig
   * judges each request again); if a target it was planned for does not hold, the step is undone.
   */
  async applyFix(plan: FixPlan): Promise<FixApplyOutcome> {
    if (plan.changes.length === 0) return { ok: true, changed: [], refused: [], unmet: [] };
    const requests = plan.changes.map((change) => ({ name: change.name, value: this.requestText(change.name, change.to) }));
    const applied = this.steps.applied;
    const outcome = await this.setMany(requests, fixLabel(plan), { atomic: true });
    const unmet = plan.targets.filter((target) => target.status !== 'impossible' && !this.targetHolds(target)).map((target) => target.name);
    if (unmet.length > 0 && this.steps.applied > applied) {
      await this.undo();
      return { ok: false, changed: [], refused: outcome.refused, unmet };
    }
    return { ...outcome, ok: outcome.ok && unmet.length === 0, unmet };
  }

  /** The symbols the user changed in this session: every request of the applied steps, and what whole-config steps changed. */
  userChangedSymbols(): string[] {
    const names = new Set<string>();
    for (const step of this.steps.appliedSteps) {
      if (step.kind === 'requests') for (const request of step.requests) names.add(stripConfigPrefix(request.name));
    }
    if (this.steps.appliedSteps.some((step) => step.kind === 'text')) {
      this.currentState.symbols.forEach((symbol, index) => {
        if (symbol.value !== this.fromLoaded.baselineValues[index]) names.add(this.model.symbols[index]!.name);
      });
    }
    return [...names];
  }

  /**
   * Applies a fragment as `make NAME.config` does: merge_config.sh -m into the current config,
   * then the kernel reads the result (olddefconfig). One undoable step. Each entry's text is the
   * right-hand side as a .config spells it (strings quoted), or null for "is not set".
   */
  async mergeFragment(entries: ConfigAssignment[], label: string): Promise<BatchOutcome> {
    for (const entry of entries) {
      const reason = entry.text === null ? undefined : unstorableValueReason(entry.text);
      if (reason) throw new UnstorableValueError(`CONFIG_${stripConfigPrefix(entry.name)}=${escapeControl(entry.text ?? '')}: ${reason}`);
    }
    const fragment = entries.map((entry) => formatConfigLine({ name: stripConfigPrefix(entry.name), text: entry.text })).join('\n');
    return this.mergeFragmentFile(fragment, label);
  }

  /** The same with a fragment's own text (comments and all), as merge_config.sh appends it. */
  mergeFragmentFile(fragment: string, label: string): Promise<BatchOutcome> {
    return this.mergeFragmentFiles([fragment], label);
  }

  /**
   * Several fragments as one undoable step, each merged into the result of the one before, as
   * running their `make NAME.config` targets in order does. The step keeps only the last merged
   * text: reading it is exactly the last of those runs.
   */
  async mergeFragmentFiles(fragments: string[], label: string): Promise<BatchOutcome> {
    const withNul = fragments.findIndex((fragment) => fragment.includes('\0'));
    if (withNul >= 0)
      throw new UnstorableValueError(`fragment ${withNul + 1} of "${escapeControl(label)}" contains a NUL character, which a .config cannot hold`);
    const before = this.currentState;
    let text = Buffer.alloc(0);
    await this.withRecovery(async () => {
      for (const fragment of fragments) {
        // Latin-1 keeps every byte of the config as one character: bytes that are not UTF-8 survive.
        const base = (await this.configBytes()).toString('latin1');
        text = Buffer.from(mergeFragmentText(base, Buffer.from(fragment, 'utf8').toString('latin1')), 'latin1');
        await this.applyStep({ kind: 'text', label, text });
      }
      await this.refreshState();
    });
    this.pushStep({ kind: 'text', label, text });
    return { ok: true, changed: this.diffValues(before, this.currentState), refused: [] };
  }

  /** Replaces the whole configuration with another file's, as one undoable step. */
  async loadConfig(path: string, label = `load ${path}`): Promise<{ warnings: string[] }> {
    const text = await readBounded(path, { maxBytes: LARGE_INPUT, what: 'config file' });
    const output = await this.withRecovery(async () => {
      const answer = await this.applyStep({ kind: 'text', label, text });
      await this.refreshState();
      return answer;
    });
    this.pushStep({ kind: 'text', label, text });
    // The kernel read the session's private copy: its warnings name the file that was asked for.
    const copy = join(this.workDir, 'step.config');
    return { warnings: (output.warnings ?? []).map((warning) => warning.split(copy).join(path)) };
  }

  /**
   * Makes the last `count` steps one undoable step. Only whole-config steps (merges, loads) can
   * be combined, and reading the last one's text is exactly what the sequence did.
   */
  combineLastSteps(count: number, label: string): void {
    try {
      this.steps.combine(count, label);
    } catch {
      throw new TuxconfError('only fragment merges and config loads can be combined into one step');
    }
    this.changed({ t: 'combine', count, label });
  }

  async undo(): Promise<boolean> {
    if (!this.canUndo) return false;
    await this.withRecovery(() => this.replay(this.steps.applied - 1));
    this.changed({ t: 'undo' });
    return true;
  }

  async redo(): Promise<boolean> {
    const step = this.steps.next;
    if (!step) return false;
    await this.withRecovery(async () => {
      await this.applyStep(step);
      await this.refreshState();
    });
    this.steps.redo();
    this.changed({ t: 'redo' });
    return true;
  }

  /** Every symbol whose value differs from the loaded config, in menu order. */
  pending(): { name: string; from: string | undefined; to: string }[] {
    return this.fromLoaded
      .indices()
      .map((index) => ({ name: this.model.symbols[index]!.name, from: this.fromLoaded.baselineValues[index], to: this.currentState.symbols[index]!.value }));
  }

  /** Every symbol whose value differs from the config file as loaded or last saved by this session, in menu order. */
  unsavedValues(): ValueChange[] {
    return this.fromSaved
      .indices()
      .map((index) => ({ name: this.model.symbols[index]!.name, from: this.fromSaved.baselineValues[index]!, to: this.currentState.symbols[index]!.value }));
  }

  /**
   * What each applied step changed, oldest first: the steps are applied again in the frontend
   * from the loaded config, one at a time, which ends where the session is. The session's state
   * is not touched meanwhile.
   */
  async stepChanges(): Promise<{ label: string; requested: string[]; changes: ValueChange[] }[]> {
    return this.withRecovery(async () => {
      const result: { label: string; requested: string[]; changes: ValueChange[] }[] = [];
      try {
        await this.loadBaseline();
        let before = await this.readState();
        for (const step of this.steps.appliedSteps) {
          await this.applyStep(step);
          const after = await this.readState();
          result.push({
            label: step.label,
            requested: step.kind === 'requests' ? step.requests.map((request) => request.name) : [],
            changes: this.diffValues(before, after),
          });
          before = after;
        }
      } catch (error) {
        if (!(error instanceof FrontendExitedError)) await this.replay(this.steps.applied);
        throw error;
      }
      return result;
    });
  }

  async revert(name: string): Promise<SetOutcome> {
    return this.set(name, this.loadedValue(name) ?? '');
  }

  async explain(name: string): Promise<Explanation> {
    const reply = await this.call({ op: 'explain', name: stripConfigPrefix(name) });
    if (!reply.ok) throw new TuxconfError(reply.error);
    return reply.explain;
  }

  async helpText(nodeId: number): Promise<string> {
    const reply = await this.call({ op: 'help', node: nodeId });
    if (!reply.ok) throw new TuxconfError(reply.error);
    return reply.result;
  }

  /** A variable of the environment kbuild gives its kconfig frontends (KBUILD_DEFCONFIG, CC_VERSION_TEXT, ...). */
  kbuildVariable(name: string): string | undefined {
    return this.launch.env[name];
  }

  /** The .config the kernel wrote for the loaded config, before any change (computed once). */
  async loadedConfigText(): Promise<string> {
    if (this.loadedText === undefined) {
      const applied = this.steps.applied;
      await this.withRecovery(() => this.replay(0));
      this.loadedText = await this.configText();
      await this.withRecovery(() => this.replay(applied));
    }
    return this.loadedText;
  }

  /** The .config the kernel would write now. */
  async configText(): Promise<string> {
    return (await this.configBytes()).toString('utf8');
  }

  /**
   * Writes the config in the kernel's format (its writer, into a private file), then puts it in
   * place whole or not at all, keeping the previous file as `.config.old` as the kernel does.
   * Refuses when the file changed on disk since it was loaded, unless forced.
   */
  async save(options: SaveOptions = {}): Promise<{ path: string; written: boolean; warnings: string[] }> {
    const path = options.path ?? this.kernel.configPath;
    const own = path === this.kernel.configPath;
    // Another tuxconf saving the same file waits here, then finds it changed on disk.
    const locked = own && (await this.lockSaves(dirname(path)));
    try {
      return await this.saveLocked(path, own, options);
    } finally {
      if (locked) await this.call({ op: 'lock', path: dirname(path), flag: false });
    }
  }

  /**
   * Takes the save lock on the config's directory; false when there is none to take (no such
   * directory yet: the save makes it). Fails when another process held it for the whole wait.
   */
  private async lockSaves(dir: string): Promise<boolean> {
    const reply = await this.call({ op: 'lock', path: dir, flag: true });
    if (reply.ok) return true;
    if (reply.code === 'busy')
      throw new TuxconfError(`cannot save ${escapeControl(this.kernel.configPath)}: ${escapeControl(reply.error)}`, {
        hint: 'another tuxconf is saving this config; try again when it has finished',
      });
    return false;
  }

  private async saveLocked(path: string, own: boolean, options: SaveOptions): Promise<{ path: string; written: boolean; warnings: string[] }> {
    if (own && !options.force) {
      // A file that is gone (make mrproper, a deleted output directory) holds nothing to lose.
      const onDisk = await readConfigFile(path);
      if (onDisk !== null && !sameBytes(onDisk, this.diskBytes)) throw new ConfigChangedOnDiskError(path);
    }
    const bytes = await this.kernelWrite({ op: 'save', path: join(this.workDir, 'save.config') }, path);
    const outcome = await replaceFile(path, bytes, { what: 'config', keepOld: true, skipIfSame: true });
    const warnings: string[] = [];
    if (own) {
      this.diskBytes = bytes;
      this.fromSaved.reset(
        this.currentState,
        this.currentState.symbols.map((symbol) => symbol.value),
      );
      this.steps.markSaved();
      this.changed({ t: 'saved', hash: sha256(bytes) });
      // Like conf: include/config/auto.conf for make, when missing. make writes it itself if this fails.
      const autoconf = await this.call({ op: 'autoconf', path: this.kernel.objTree });
      if (!autoconf.ok)
        warnings.push(`could not create include/config/auto.conf in ${escapeControl(this.kernel.objTree)} (${autoconf.error}); make creates it`);
    }
    return { path, written: outcome.written, warnings };
  }

  async saveDefconfig(path: string): Promise<void> {
    const bytes = await this.kernelWrite({ op: 'savedefconfig', path: join(this.workDir, 'defconfig') }, path);
    await replaceFile(path, bytes, { what: 'defconfig' });
  }

  /**
   * Puts back the work of a session that ended without saving. On the config it was made on,
   * exactly, as one undoable step; on a config that changed since, its requests one by one,
   * naming those that no longer hold. The draft stays until `removeDraft`.
   */
  async restoreDraft(draft: Draft): Promise<RestoreOutcome> {
    const before = this.currentState;
    const replayed = await this.replayDraft(draft);
    const current = this.diskBytes === null ? null : sha256(this.diskBytes);
    const madeHere = current === (draft.header.base === null ? null : sha256(draft.header.base)) || (current !== null && draft.savedHashes.includes(current));
    let outcome: RestoreOutcome;
    if (madeHere) {
      await this.withRecovery(async () => {
        await this.applyStep({ kind: 'text', label: 'restore unsaved changes', text: replayed.text });
        await this.refreshState();
      });
      this.pushStep({ kind: 'text', label: 'restore unsaved changes', text: replayed.text });
      outcome = { mode: 'exact', changed: this.diffValues(before, this.currentState), refused: [] };
    } else {
      const batch = await this.setMany(replayed.requests, 'restore unsaved changes');
      outcome = { mode: 'rebased', changed: batch.changed, refused: batch.refused };
    }
    return outcome;
  }

  /**
   * The values a whole config file gives in this tree (what its olddefconfig would write),
   * computed in the frontend, which is then put back: nothing of this session changes.
   */
  async evaluateConfig(bytes: Buffer): Promise<ConfigState> {
    const path = join(this.workDir, 'evaluate.config');
    await writeFile(path, bytes);
    try {
      return await this.withRecovery(async () => {
        await this.frontendRequest({ op: 'load', path });
        return await this.readState();
      });
    } finally {
      await this.withRecovery(() => this.replay(this.steps.applied));
      await rm(path, { force: true });
    }
  }

  /**
   * The .config text the kernel writes for a whole config file, as `make olddefconfig` would:
   * computed in the frontend, which is then put back; nothing of this session changes.
   */
  async evaluateConfigText(bytes: Buffer): Promise<string> {
    const path = join(this.workDir, 'evaluate.config');
    await writeFile(path, bytes);
    try {
      return await this.withRecovery(async () => {
        await this.frontendRequest({ op: 'load', path });
        return (await this.configBytes()).toString('utf8');
      });
    } finally {
      await this.withRecovery(() => this.replay(this.steps.applied));
      await rm(path, { force: true });
    }
  }

  /** What `make savedefconfig` would write now, as text. */
  async defconfigText(): Promise<string> {
    const bytes = await this.kernelWrite({ op: 'savedefconfig', path: join(this.workDir, 'minimal.defconfig') }, 'the minimal config');
    return bytes.toString('utf8');
  }

  /** Deletes a draft whose work is back (restored and saved, or kept in this session's own draft) or that the user discarded. */
  async removeDraft(draft: Draft): Promise<void> {
    await unlink(draft.file).catch(() => undefined);
  }

  /** What restoring a draft would change here, without changing anything. */
  async previewDraft(draft: Draft): Promise<ValueChange[]> {
    const replayed = await this.replayDraft(draft);
    return this.diffValues(this.currentState, replayed.state);
  }

  /**
   * Reads the config file again (someone else changed it) and applies this session's changes to
   * it as requests, one undoable step, naming those that no longer hold.
   */
  async reloadAndReapply(): Promise<BatchOutcome> {
    const requests = await this.withRecovery(async () => {
      await this.loadBaseline();
      await this.refreshState();
      return this.requestsOfSteps(this.steps.appliedSteps);
    });
    this.diskBytes = await readConfigFile(this.kernel.configPath);
    this.loadedFromFile = this.diskBytes !== null;
    if (this.diskBytes !== null) await writeFile(join(this.workDir, 'loaded.config'), this.diskBytes);
    this.loadedText = undefined;
    this.steps = new StepHistory();
    this.journal?.discard();
    if (this.drafts) this.journal = await this.newJournal(this.drafts);
    await this.withRecovery(() => this.replay(0));
    this.setBaselines(this.currentState.symbols.map((symbol) => symbol.value));
    this.notify();
    return this.setMany(requests, 'apply my changes again');
  }

  /** Waits until every change made so far is in the draft on disk. */
  async flushDraft(): Promise<void> {
    await this.journal?.flush();
  }

  /** Forgets the draft of this session: the user quit on purpose without saving. */
  async discardDraft(): Promise<void> {
    this.journal?.discard();
    await this.journal?.flush();
  }

  /** Ends the session. Unsaved changes stay in the draft (if drafts are kept) for a later start to restore. */
  async close(): Promise<void> {
    this.closed = true;
    // A frontend still parsing is not waited for.
    this.stopStart?.abort();
    for (const stop of this.closeStops) stop();
    await this.ready.catch(() => undefined);
    await Promise.all(this.closeWaits);
    await this.journal?.close();
    if (this.drafts) await this.drafts.unlock(this.kernel).catch(() => undefined);
    await this.frontend?.close();
    await removeWorkDir(this.workDir);
  }

  /**
   * The frontend's whole state read in full, not from what changed (the session keeps its state
   * from changes): for checks that the two agree. Changes nothing.
   */
  async rereadState(): Promise<ConfigState> {
    const reply = await this.call({ op: 'state' });
    const full = unpackState(reply.result);
    // The frontend takes later changes against this state; the session's own, if equal, stays the reference.
    this.reported = packedStateIs(reply.result, this.currentState) ? this.currentState : full;
    return full;
  }

  /** For tests of crash recovery: the frontend's process id. */
  get frontendPid(): number | undefined {
    return this.frontend?.pid;
  }

  /** Drafts of earlier sessions on this config that ended without saving, newest first. */
  async orphanDrafts(): Promise<Draft[]> {
    return this.drafts ? this.drafts.orphans(this.kernel) : [];
  }

  /** The same from a store this session does not journal into (`tuxconf recover`). */
  orphanDraftsIn(store: DraftStore): Promise<Draft[]> {
    return store.orphans(this.kernel);
  }

  private async openDrafts(store: DraftStore): Promise<void> {
    this.holder = await store.lock(this.kernel).catch(() => null);
    this.journal = await this.newJournal(store);
  }

  private async newJournal(store: DraftStore): Promise<DraftJournal> {
    const header = {
      version: 1 as const,
      srcTree: this.kernel.srcTree,
      objTree: this.kernel.objTree,
      configPath: this.kernel.configPath,
      arch: this.kernel.arch,
      kernelVersion: this.kernel.version,
      pid: process.pid,
      host: hostname(),
      started: Date.now(),
      base: this.loadedFromFile ? await readFile(this.baselinePath()) : null,
    };
    return new DraftJournal(store.journalPath(this.kernel, header.started), header, () => this.notify());
  }

  /** The draft's config as its session left it, and its work as requests, computed in this frontend, which is then put back. */
  private async replayDraft(draft: Draft): Promise<{ text: Buffer; state: ConfigState; requests: ValueRequest[] }> {
    const base = join(this.workDir, 'draft-base.config');
    if (draft.header.base !== null) await writeFile(base, draft.header.base);
    else await rm(base, { force: true });
    try {
      return await this.withRecovery(async () => {
        await this.frontendRequest({ op: 'load', path: base });
        await this.refreshState();
        const requests = await this.requestsOfSteps(draft.history.appliedSteps);
        const text = await this.configBytes();
        const state = this.currentState;
        return { text, state, requests };
      });
    } finally {
      await this.withRecovery(() => this.replay(this.steps.applied));
    }
  }

  /**
   * The steps as value requests: their own for requests steps, and for whole-config steps the
   * values they changed. Applies them in the frontend, from the config it holds now.
   */
  private async requestsOfSteps(steps: readonly Step[]): Promise<ValueRequest[]> {
    const requests: ValueRequest[] = [];
    for (const step of steps) {
      const before = this.currentState;
      await this.applyStep(step);
      await this.refreshState();
      if (step.kind === 'requests') requests.push(...step.requests);
      else
        requests.push(...this.diffValues(before, this.currentState).map((change) => ({ name: change.name, value: this.requestText(change.name, change.to) })));
    }
    return requests;
  }

  /** A value as a request spells it: strings quoted, so that an empty string is not "unset". */
  private requestText(name: string, value: string): string {
    return this.symbol(name)?.type === 'string' ? quoteConfigString(value) : value;
  }

  /** Asks the kernel's writer for a file in the private directory and returns its bytes; fails as a whole if the kernel's write failed. */
  private async kernelWrite(request: Extract<Request, { op: 'save' | 'savedefconfig' }>, target: string): Promise<Buffer> {
    await rm(request.path, { force: true });
    const reply = await this.call(request);
    if (!reply.ok) {
      throw new TuxconfError(`could not write ${escapeControl(target)}: ${reply.error}`, {
        details: reply.warnings ?? [],
        hint: 'nothing was changed on disk',
      });
    }
    return readFile(request.path);
  }

  private async configBytes(): Promise<Buffer> {
    return this.kernelWrite({ op: 'save', path: join(this.workDir, 'current.config') }, 'the configuration');
  }

  private async trySet(request: ValueRequest): Promise<SetOutcome> {
    // The name is bare already (set and setMany take CONFIG_ off once): CONFIG_CONFIG_X is no X.
    const info = this.model.byName.get(request.name);
    if (!info) {
      const suggestions = closestNames(request.name, this.model.byName.keys());
      const hint = suggestions.length > 0 ? ` (did you mean ${suggestions.map((name) => `CONFIG_${name}`).join(', ')}?)` : '';
      return {
        ok: false,
        name: request.name,
        requested: request.value,
        code: 'unknown',
        reason: `${describeRefusal(request.name, { code: 'unknown', requested: request.value })}${hint}`,
      };
    }
    const unstorable = unstorableValueReason(request.value);
    if (unstorable) {
      return {
        ok: false,
        name: info.name,
        requested: request.value,
        code: 'unstorable',
        reason: describeRefusal(info.name, { code: 'unstorable', requested: request.value, detail: unstorable }),
      };
    }
    const before = this.currentState;
    const reply = await this.call({ op: 'set', name: info.name, value: this.frontendValue(info, request.value) });
    if (!reply.ok) return reply.code === 'unknown' ? this.rejected(info, request.value, reply.error) : this.refusal(info, request.value, reply);
    const touched = this.takeChanges(reply.result);
    return { ok: true, changed: this.changedValues(before, touched) };
  }

  /** String values arrive with or without .config quotes; the library wants them bare. */
  private frontendValue(info: SymbolInfo, value: string): string {
    return info.type === 'string' ? bareStringValue(value) : value;
  }

  /** A fix target holds now: its value, or for an at-least target that value or above. */
  private targetHolds(target: FixTargetOutcome): boolean {
    if (target.atLeast) return atLeastHolds(target.value, this.value(target.name) ?? 'n');
    return this.holds({ name: target.name, value: this.requestText(target.name, target.value) });
  }

  private holds(request: ValueRequest): boolean {
    const info = this.symbol(request.name);
    const actual = info && this.currentState.symbols[info.index]?.value;
    return info !== undefined && actual !== undefined && sameConfigValue(info.type, actual, this.frontendValue(info, request.value));
  }

  private async refusalFor(request: ValueRequest): Promise<Extract<SetOutcome, { ok: false }>> {
    const info = this.symbol(request.name)!;
    const explanation = await this.explain(info.name);
    const current = this.currentState.symbols[info.index]?.value;
    const code = explanation.activeSelects.length > 0 && request.value !== 'y' ? 'selected' : 'not-visible';
    const lowest = code === 'selected' ? this.currentState.symbols[info.index]?.selectedTo : undefined;
    return {
      ok: false,
      name: info.name,
      requested: request.value,
      code,
      reason: describeRefusal(info.name, { code, requested: request.value, current, explanation, info, lowest }),
      explanation,
      ...(lowest ? { lowest } : {}),
    };
  }

  private refusal(info: SymbolInfo, requested: string, reply: SetRefused): Extract<SetOutcome, { ok: false }> {
    const code = reply.code;
    // The select lower bound: the lowest value the symbol can have until its selectors change.
    const lowest = code === 'selected' ? this.currentState.symbols[info.index]?.selectedTo : undefined;
    const reason = describeRefusal(info.name, {
      code,
      requested,
      current: reply.value,
      range: reply.range,
      explanation: reply.explain,
      info,
      lowest,
    });
    return { ok: false, name: info.name, requested, code, reason, explanation: reply.explain, ...(lowest ? { lowest } : {}) };
  }

  private diffValues(before: ConfigState, after: ConfigState): ValueChange[] {
    const changes: ValueChange[] = [];
    after.symbols.forEach((symbol, index) => {
      const from = before.symbols[index]?.value;
      if (from !== undefined && from !== symbol.value) changes.push({ name: this.model.symbols[index]!.name, from, to: symbol.value });
    });
    return changes;
  }

  private pushStep(step: Step): void {
    this.steps.push(step);
    this.changed({ t: 'push', step });
  }

  /** After every change of the undo list: the draft follows it, then the listeners hear of it. */
  private changed(event: DraftEvent): void {
    if (event.t === 'saved') this.savedHashes.push(event.hash);
    if (this.journal) {
      if (this.steps.unsavedCount === 0) this.journal.discard();
      else
        this.journal.record(event, () => ({
          t: 'snapshot',
          steps: [...this.steps.steps],
          applied: this.steps.applied,
          savedAt: this.steps.savedAt,
          savedHashes: [...this.savedHashes],
        }));
    }
    this.notify();
  }

  /** A symbol the frontend does not know although the model has it (cannot happen while they come from one tree). */
  private rejected(info: SymbolInfo, requested: string, error: string): Extract<SetOutcome, { ok: false }> {
    return { ok: false, name: info.name, requested, code: 'invalid', reason: `CONFIG_${info.name}=${escapeControl(requested)}: ${escapeControl(error)}` };
  }

  /** Applies a step in the frontend; for a whole-config step, what the kernel printed reading it. */
  private async applyStep(step: Step): Promise<KernelOutput> {
    if (step.kind === 'text') {
      const path = join(this.workDir, 'step.config');
      await writeFile(path, step.text);
      return this.frontendRequest({ op: 'load', path });
    }
    // Applied without the changes of each: the caller asks for them once, after the last (refreshState).
    for (const request of step.requests) {
      const info = this.symbol(request.name);
      if (info) await this.frontendRequest({ op: 'apply', name: info.name, value: this.frontendValue(info, request.value) });
    }
    return {};
  }

  private loadBaseline(): Promise<ReplyTo<'load'>> {
    return this.frontendRequest({ op: 'load', path: this.baselinePath() });
  }

  /** The loaded config as it was: a private copy, so later edits on disk do not change undo. */
  private baselinePath(): string {
    return baselineFile(this.workDir, this.loadedFromFile);
  }

  private async replay(count: number): Promise<void> {
    await this.loadBaseline();
    for (const step of this.steps.steps.slice(0, count)) await this.applyStep(step);
    this.steps.moveTo(count);
    await this.refreshState();
  }

  /** The session's state is the frontend's now: what changed since it last reported is asked for and applied. */
  private async refreshState(): Promise<void> {
    this.takeChanges((await this.frontendRequest({ op: 'changes' })).result);
  }

  /** The state the frontend holds now (which need not be the session's: a preview), from what changed since it last reported. */
  private async readState(): Promise<ConfigState> {
    const reply = await this.frontendRequest({ op: 'changes' });
    this.reported = applyChanges(this.reported, reply.result);
    return this.reported;
  }

  /**
   * Makes the reported state plus `changes` the session's state, and returns the indices of the
   * symbols that may differ from the session's state before (those changed, when the session's
   * state was the reported one; else every symbol).
   */
  private takeChanges(changes: StateChanges): readonly number[] | null {
    const before = this.reported;
    const exact = this.currentState === before;
    this.reported = applyChanges(before, changes);
    this.currentState = this.reported;
    const touched = exact ? changes.symbols.map(([index]) => index) : null;
    if (touched) {
      this.fromLoaded.update(this.currentState, touched);
      this.fromSaved.update(this.currentState, touched);
    } else {
      this.fromLoaded.reset(this.currentState);
      this.fromSaved.reset(this.currentState);
    }
    return touched;
  }

  /** The value changes from `before` to the session's state; `touched` (if known) holds every symbol that may have changed. */
  private changedValues(before: ConfigState, touched: readonly number[] | null): ValueChange[] {
    if (!touched) return this.diffValues(before, this.currentState);
    const changes: ValueChange[] = [];
    for (const index of [...touched].sort((a, b) => a - b)) {
      const from = before.symbols[index]?.value;
      const to = this.currentState.symbols[index]!.value;
      if (from !== undefined && from !== to) changes.push({ name: this.model.symbols[index]!.name, from, to });
    }
    return changes;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** A request that survives the frontend dying. */
  private call<R extends Request>(request: R): Promise<ReplyTo<R['op']>> {
    return this.withRecovery(() => this.frontendRequest(request));
  }

  /** Runs an operation; if the frontend died under it, restarts it, replays the applied steps, and runs it again once. */
  private async withRecovery<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      // A closed session starts no frontend again (work queued before the close may still arrive).
      if (!(error instanceof FrontendExitedError) || this.closed) throw error;
      await this.recover();
      return operation();
    }
  }

  /** A request to the frontend; while it starts, the request waits for it (and fails if it cannot start). */
  private async frontendRequest<R extends Request>(request: R): Promise<ReplyTo<R['op']>> {
    if (this.closed) throw new TuxconfError('the session was closed');
    if (this.opening) await this.opening;
    return this.frontend!.request(request);
  }

  private async recover(): Promise<void> {
    this.restarts++;
    this.frontend = await FrontendProcess.start(this.launch);
    await this.replay(this.steps.applied);
  }
}

/** The config file as bytes (values that are not UTF-8 survive), or null when there is none; anything but a regular file of a sane size is refused. */
/** Whether two states are the same, entry by entry. */
function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The answers a start needs from a frontend that has just parsed, asked for together. */
interface FirstAnswers {
  tree: Promise<ReplyTo<'tree'>>;
  load: Promise<ReplyTo<'load'>>;
  state: Promise<StateAnswer>;
  deps: Promise<ReplyTo<'deps'>>;
}

/**
 * Asks a frontend that has just parsed for the tree, the session's config loaded (the private
 * copy, written before), the state after it and what the parse read, in one go: the frontend
 * answers in order, so it loads the config while the tree answer is read here. Each answer that
 * is not awaited (a failed start) is not an unhandled rejection.
 */
function askFirst(frontend: FrontendProcess, workDir: string, diskBytes: Buffer | null): FirstAnswers {
  const asked: FirstAnswers = {
    tree: frontend.request({ op: 'tree' }),
    load: frontend.request({ op: 'load', path: baselineFile(workDir, diskBytes !== null) }),
    state: frontend.requestState(),
    deps: frontend.request({ op: 'deps' }),
  };
  for (const answer of Object.values(asked) as Promise<unknown>[]) answer.catch(() => undefined);
  return asked;
}

/** Where a session's baseline config is: its private copy of the loaded file, or a name that does not exist (the kernel then reads its defaults list). */
function baselineFile(workDir: string, fromFile: boolean): string {
  return fromFile ? join(workDir, 'loaded.config') : join(workDir, 'no-config-file');
}
