import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closestNames } from '../model/similar-names.js';
import type { ConfigState, Explanation, MenuModel, SymbolInfo } from '../model/types.js';
import { type FragmentEntry, fragmentLine, mergeFragmentText, quoteString, stripConfigPrefix } from './config-text.js';
import { TuxconfError } from './errors.js';
import { FrontendExitedError, type FrontendLaunch, FrontendProcess } from './frontend-process.js';
import type { KernelTree } from './kernel-tree.js';
import { modelFromTree } from './model-from-tree.js';
import { applyChanges, type Reply, type Request, type StateChanges, type StatePayload, type TreeCounts, unpackState } from './protocol.js';
import { describeRefusal } from './refusal-reason.js';

export interface ValueChange {
  name: string;
  from: string;
  to: string;
}

export type SetOutcome =
  | { ok: true; changed: ValueChange[] }
  | { ok: false; name: string; requested: string; code: NonNullable<Reply['code']>; reason: string; explanation?: Explanation };

export interface BatchOutcome {
  ok: boolean;
  changed: ValueChange[];
  refused: Extract<SetOutcome, { ok: false }>[];
}

export interface ValueRequest {
  name: string;
  value: string;
}

/** One undoable step: single or grouped value requests, or a whole config text (fragment merge, load). */
interface Step {
  label: string;
  requests?: ValueRequest[];
  text?: string;
}

export interface SaveOptions {
  path?: string;
  /** Overwrite even if the file changed on disk since it was loaded. */
  force?: boolean;
}

/**
 * An open configuration: the kernel's kconfig running in a frontend process, the user's
 * changes as an undo list, and the state after them. Survives the frontend dying by starting
 * it again and replaying the changes.
 */
export class Session {
  readonly kernel: KernelTree;
  readonly model: MenuModel;
  /** What the kernel printed while reading the config (unknown symbols, invalid values ...). */
  readonly loadWarnings: string[];
  readonly loadMessages: string[];
  private frontend: FrontendProcess;
  private readonly launch: FrontendLaunch;
  private readonly workDir: string;
  private currentState: ConfigState;
  private loadedValues: string[] = [];
  /** The config file's bytes when loaded or last saved; null when it did not exist. */
  private diskText: string | null;
  /** Whether the config existed when loaded (else the kernel's defaults list was used). */
  private loadedFromFile: boolean;
  private readonly steps: Step[] = [];
  private applied = 0;
  private savedAt = 0;
  private readonly listeners = new Set<() => void>();
  private loadedText: string | undefined;
  private restarts = 0;

  private constructor(init: {
    kernel: KernelTree;
    launch: FrontendLaunch;
    frontend: FrontendProcess;
    model: MenuModel;
    workDir: string;
    diskText: string | null;
    warnings: string[];
    messages: string[];
  }) {
    this.kernel = init.kernel;
    this.launch = init.launch;
    this.frontend = init.frontend;
    this.model = init.model;
    this.workDir = init.workDir;
    this.diskText = init.diskText;
    this.loadedFromFile = init.diskText !== null;
    this.loadWarnings = init.warnings;
    this.loadMessages = init.messages;
    this.currentState = { symbols: [], nodes: [] };
  }

  static async start(kernel: KernelTree, launch: FrontendLaunch): Promise<Session> {
    const frontend = await FrontendProcess.start(launch);
    try {
      const tree = await frontend.request({ op: 'tree' });
      const model = modelFromTree(tree.result as TreeCounts, tree.items ?? []);
      const workDir = await mkdtemp(join(tmpdir(), 'tuxconf-session-'));
      const diskText = await readFile(kernel.configPath, 'utf8').catch(() => null);
      if (diskText !== null) await writeFile(join(workDir, 'loaded.config'), diskText);
      const session = new Session({ kernel, launch, frontend, model, workDir, diskText, warnings: [], messages: [] });
      let loaded = await session.loadBaseline();
      if (!loaded.ok && diskText === null) {
        // No config and no default config either: start from nothing, as the kernel does, but
        // from a file, because reading a missing file leaves earlier values in place on replays.
        await writeFile(join(workDir, 'loaded.config'), '');
        session.loadedFromFile = true;
        loaded = await session.loadBaseline();
      }
      // The kernel names the file it read: the private copy. Name the user's file instead.
      const copy = session.baselinePath();
      session.loadWarnings.push(...(loaded.warnings ?? []).map((line) => line.split(copy).join(kernel.configPath)));
      session.loadMessages.push(...(loaded.messages ?? []));
      await session.refreshState();
      session.loadedValues = session.currentState.symbols.map((symbol) => symbol.value);
      return session;
    } catch (error) {
      frontend.kill();
      throw error;
    }
  }

  get state(): ConfigState {
    return this.currentState;
  }

  /** Steps since the last save. */
  get unsavedCount(): number {
    return this.savedAt < 0 ? this.applied + 1 : Math.abs(this.applied - this.savedAt);
  }

  get canUndo(): boolean {
    return this.applied > 0;
  }

  get canRedo(): boolean {
    return this.applied < this.steps.length;
  }

  /** Labels of the applied steps, oldest first. */
  get history(): string[] {
    return this.steps.slice(0, this.applied).map((step) => step.label);
  }

  /** How often the frontend had to be restarted after dying. */
  get recoveries(): number {
    return this.restarts;
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
    return info ? this.loadedValues[info.index] : undefined;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async set(name: string, value: string): Promise<SetOutcome> {
    const outcome = await this.trySet({ name: stripConfigPrefix(name), value });
    // A request that changes no value (y on a symbol that is y) is no step to undo.
    if (outcome.ok && outcome.changed.length > 0) {
      this.pushStep({ label: `${stripConfigPrefix(name)}=${value}`, requests: [{ name: stripConfigPrefix(name), value }] });
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
    for (let progress = true; waiting.length > 0 && progress; ) {
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
          next.push(request);
        }
      }
      waiting = next;
    }
    // A later request may have overridden an earlier one (choices, selects): check the end result.
    for (const request of accepted) {
      if (!this.holds(request)) refused.push(await this.refusalFor(request));
    }
    if (accepted.length === 0 || (options.atomic && refused.length > 0)) {
      if (accepted.length > 0) await this.replay(this.applied);
      return { ok: refused.length === 0, changed: [], refused };
    }
    this.pushStep({ label, requests: accepted });
    return { ok: refused.length === 0, changed: this.diffValues(before, this.currentState), refused };
  }

  /**
   * Applies a fragment as `make NAME.config` does: merge_config.sh -m into the current config,
   * then the kernel reads the result (olddefconfig). One undoable step.
   */
  async mergeFragment(entries: FragmentEntry[], label: string): Promise<BatchOutcome> {
    const fragment = entries.map((entry) => fragmentLine(this.normalizeEntry(entry))).join('\n');
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
    const before = this.currentState;
    let text = await this.configText();
    await this.withRecovery(async () => {
      for (const [index, fragment] of fragments.entries()) {
        if (index > 0) text = await this.configText();
        text = mergeFragmentText(text, fragment);
        await this.applyStep({ label, text });
      }
      await this.refreshState();
    });
    this.pushStep({ label, text });
    return { ok: true, changed: this.diffValues(before, this.currentState), refused: [] };
  }

  /** Replaces the whole configuration with another file's, as one undoable step. */
  async loadConfig(path: string, label = `load ${path}`): Promise<{ warnings: string[] }> {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new TuxconfError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    });
    const reply = await this.withRecovery(async () => {
      const answer = await this.applyStep({ label, text });
      await this.refreshState();
      return answer;
    });
    this.pushStep({ label, text });
    return { warnings: reply.warnings ?? [] };
  }

  /**
   * Makes the last `count` steps one undoable step. Only whole-config steps (merges, loads) can
   * be combined, and reading the last one's text is exactly what the sequence did.
   */
  combineLastSteps(count: number, label: string): void {
    if (count < 2) {
      if (count === 1) this.steps[this.applied - 1]!.label = label;
      return;
    }
    const last = this.steps.slice(this.applied - count, this.applied);
    if (last.length !== count || last.some((step) => step.text === undefined)) {
      throw new TuxconfError('only fragment merges and config loads can be combined into one step');
    }
    this.steps.splice(this.applied - count, count, { label, text: last.at(-1)!.text });
    this.applied -= count - 1;
    this.notify();
  }

  async undo(): Promise<boolean> {
    if (!this.canUndo) return false;
    await this.withRecovery(() => this.replay(this.applied - 1));
    this.notify();
    return true;
  }

  async redo(): Promise<boolean> {
    const step = this.steps[this.applied];
    if (!step) return false;
    await this.withRecovery(async () => {
      await this.applyStep(step);
      await this.refreshState();
    });
    this.applied++;
    this.notify();
    return true;
  }

  /** Every symbol whose value differs from the loaded config, in menu order. */
  pending(): { name: string; from: string | undefined; to: string }[] {
    const result: { name: string; from: string | undefined; to: string }[] = [];
    this.currentState.symbols.forEach((symbol, index) => {
      const from = this.loadedValues[index];
      if (symbol.value !== from) result.push({ name: this.model.symbols[index]!.name, from, to: symbol.value });
    });
    return result;
  }

  async revert(name: string): Promise<SetOutcome> {
    return this.set(name, this.loadedValue(name) ?? '');
  }

  async explain(name: string): Promise<Explanation> {
    const reply = await this.call({ op: 'explain', name: stripConfigPrefix(name) });
    if (!reply.ok || !reply.explain) throw new TuxconfError(reply.error ?? `cannot explain ${name}`);
    return reply.explain;
  }

  async helpText(nodeId: number): Promise<string> {
    const reply = await this.call({ op: 'help', node: nodeId });
    if (!reply.ok) throw new TuxconfError(reply.error ?? `no help for node ${nodeId}`);
    return reply.result as string;
  }

  /** A variable of the environment kbuild gives its kconfig frontends (KBUILD_DEFCONFIG, CC_VERSION_TEXT, ...). */
  kbuildVariable(name: string): string | undefined {
    return this.launch.env[name];
  }

  /** The .config the kernel wrote for the loaded config, before any change (computed once). */
  async loadedConfigText(): Promise<string> {
    if (this.loadedText === undefined) {
      const applied = this.applied;
      await this.withRecovery(() => this.replay(0));
      this.loadedText = await this.configText();
      await this.withRecovery(() => this.replay(applied));
    }
    return this.loadedText;
  }

  /** The .config the kernel would write now. */
  async configText(): Promise<string> {
    const path = join(this.workDir, 'current.config');
    const reply = await this.call({ op: 'save', path });
    if (!reply.ok) throw new TuxconfError(`could not write the configuration: ${reply.error ?? ''}`);
    return readFile(path, 'utf8');
  }

  /**
   * Writes the config through the kernel's own writer (its format, `.config.old`, atomic rename).
   * Refuses when the file changed on disk since it was loaded, unless forced.
   */
  async save(options: SaveOptions = {}): Promise<{ path: string; written: boolean }> {
    const path = options.path ?? this.kernel.configPath;
    const own = path === this.kernel.configPath;
    if (own && !options.force) {
      const onDisk = await readFile(path, 'utf8').catch(() => null);
      if (onDisk !== this.diskText) {
        throw new TuxconfError(`${path} changed on disk since tuxconf loaded it`, {
          hint: 'save to another file, or overwrite it anyway (--force; in the TUI, confirm the overwrite)',
        });
      }
    }
    const reply = await this.call({ op: 'save', path, flag: own });
    if (!reply.ok) {
      throw new TuxconfError(`could not write ${path}: ${reply.error ?? 'unknown error'}`, { details: reply.warnings ?? [] });
    }
    const written = !(reply.messages ?? []).some((message) => message.startsWith('No change'));
    if (own) {
      this.diskText = await readFile(path, 'utf8');
      this.savedAt = this.applied;
      this.notify();
    }
    return { path, written };
  }

  async saveDefconfig(path: string): Promise<void> {
    const reply = await this.call({ op: 'savedefconfig', path });
    if (!reply.ok) throw new TuxconfError(`could not write ${path}: ${reply.error ?? 'unknown error'}`);
  }

  async close(): Promise<void> {
    await this.frontend.close();
    await rm(this.workDir, { recursive: true, force: true });
  }

  /** For tests of crash recovery: the frontend's process id. */
  get frontendPid(): number | undefined {
    return this.frontend.pid;
  }

  private async trySet(request: ValueRequest): Promise<SetOutcome> {
    const info = this.symbol(request.name);
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
    const before = this.currentState;
    const reply = await this.call({ op: 'set', name: info.name, value: this.frontendValue(info, request.value) });
    if (!reply.ok) return this.refusal(info, request.value, reply);
    this.currentState = applyChanges(this.currentState, reply.result as StateChanges);
    return { ok: true, changed: this.diffValues(before, this.currentState) };
  }

  /** String values arrive with or without .config quotes; the library wants them bare. */
  private frontendValue(info: SymbolInfo, value: string): string {
    if (info.type === 'string' && value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      return value.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    return value;
  }

  private normalizeEntry(entry: FragmentEntry): FragmentEntry {
    const name = stripConfigPrefix(entry.name);
    const info = this.symbol(name);
    if (entry.value !== null && info?.type === 'string') return { name, value: quoteString(entry.value) };
    return { name, value: entry.value };
  }

  private holds(request: ValueRequest): boolean {
    const info = this.symbol(request.name);
    if (!info) return false;
    const actual = this.currentState.symbols[info.index]?.value;
    const wanted = this.frontendValue(info, request.value);
    if (info.type === 'hex') return actual?.toLowerCase().replace(/^0x/, '') === wanted.toLowerCase().replace(/^0x/, '');
    return actual === wanted;
  }

  private async refusalFor(request: ValueRequest): Promise<Extract<SetOutcome, { ok: false }>> {
    const info = this.symbol(request.name)!;
    const explanation = await this.explain(info.name);
    const current = this.currentState.symbols[info.index]?.value;
    const code = explanation.activeSelects.length > 0 && request.value !== 'y' ? 'selected' : 'not-visible';
    return {
      ok: false,
      name: info.name,
      requested: request.value,
      code,
      reason: describeRefusal(info.name, { code, requested: request.value, current, explanation, info }),
      explanation,
    };
  }

  private refusal(info: SymbolInfo, requested: string, reply: Reply): Extract<SetOutcome, { ok: false }> {
    const code = reply.code ?? 'invalid';
    const reason = describeRefusal(info.name, {
      code,
      requested,
      current: reply.value,
      range: reply.range,
      explanation: reply.explain,
      info,
    });
    return { ok: false, name: info.name, requested, code, reason, explanation: reply.explain };
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
    this.steps.splice(this.applied, this.steps.length, step);
    this.applied = this.steps.length;
    if (this.savedAt > this.applied - 1) this.savedAt = -1;
    this.notify();
  }

  private async applyStep(step: Step): Promise<Reply> {
    if (step.text !== undefined) {
      const path = join(this.workDir, 'step.config');
      await writeFile(path, step.text);
      return this.frontendRequest({ op: 'load', path });
    }
    for (const request of step.requests ?? []) {
      const info = this.symbol(request.name);
      if (info) await this.frontendRequest({ op: 'set', name: info.name, value: this.frontendValue(info, request.value) });
    }
    return { id: 0, ok: true };
  }

  private loadBaseline(): Promise<Reply> {
    return this.frontendRequest({ op: 'load', path: this.baselinePath() });
  }

  /** The loaded config as it was: a private copy, so later edits on disk do not change undo. */
  private baselinePath(): string {
    return this.loadedFromFile ? join(this.workDir, 'loaded.config') : this.kernel.configPath;
  }

  private async replay(count: number): Promise<void> {
    await this.loadBaseline();
    for (const step of this.steps.slice(0, count)) await this.applyStep(step);
    this.applied = count;
    await this.refreshState();
  }

  private async refreshState(): Promise<void> {
    const reply = await this.frontendRequest({ op: 'state' });
    this.currentState = unpackState(reply.result as StatePayload);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** A request that survives the frontend dying. */
  private call(request: Request): Promise<Reply> {
    return this.withRecovery(() => this.frontend.request(request));
  }

  /** Runs an operation; if the frontend died under it, restarts it, replays the applied steps, and runs it again once. */
  private async withRecovery<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof FrontendExitedError)) throw error;
      await this.recover();
      return operation();
    }
  }

  private frontendRequest(request: Request): Promise<Reply> {
    return this.frontend.request(request);
  }

  private async recover(): Promise<void> {
    this.restarts++;
    this.frontend = await FrontendProcess.start(this.launch);
    await this.replay(this.applied);
  }
}
