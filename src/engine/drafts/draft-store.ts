import { constants } from 'node:fs';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { shortHash } from '../cache-dir.js';
import { readBounded, readBoundedIfExists } from '../files/read-bounded.js';
import { processAlive, replaceFile } from '../files/write-atomic.js';
import { type Draft, replayEvents } from './draft.js';
import { type DraftIdentity, parseJournal } from './draft-format.js';

/** A journal holds the config it started from and every step: allow a few hundred whole-config steps. */
const JOURNAL_LIMIT = 256 << 20;
const LOCK_LIMIT = 4096;

/** Who else has a config open. */
export interface Holder {
  pid: number;
  host: string;
  started: number;
  /** Still running (on this host); false for a session that ended without closing. */
  alive: boolean;
}

/**
 * The drafts directory ($XDG_STATE_HOME/tuxconf/drafts): one journal per session that has
 * unsaved changes, and one lock per config that a menu session has open.
 */
export class DraftStore {
  constructor(readonly dir: string) {}

  keyOf(identity: DraftIdentity): string {
    return shortHash(identity.srcTree, identity.objTree, identity.configPath);
  }

  journalPath(identity: DraftIdentity, started: number, pid = process.pid): string {
    return join(this.dir, `${this.keyOf(identity)}-${started}-${pid}.draft`);
  }

  /** Every readable draft, newest first; of one config when `identity` is given. Unreadable journals are skipped. */
  async list(identity?: DraftIdentity): Promise<Draft[]> {
    const prefix = identity ? `${this.keyOf(identity)}-` : '';
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => name.endsWith('.draft') && name.startsWith(prefix));
    const drafts: Draft[] = [];
    for (const name of names) {
      const draft = await this.read(join(this.dir, name)).catch(() => null);
      if (draft && (!identity || sameIdentity(draft.header, identity))) drafts.push(draft);
    }
    return drafts.sort((a, b) => b.updated - a.updated);
  }

  /** Drafts of sessions that are no longer running: the ones to offer for restoring. */
  async orphans(identity: DraftIdentity): Promise<Draft[]> {
    const all = await this.list(identity);
    return all.filter((draft) => draft.header.pid !== process.pid && !holderAlive(draft.header.pid, draft.header.host));
  }

  async read(file: string): Promise<Draft> {
    const bytes = await readBounded(file, { maxBytes: JOURNAL_LIMIT, what: 'draft journal', noFollow: true });
    const { header, events, damagedAt } = parseJournal(bytes.toString('utf8'));
    const { history, savedHashes } = replayEvents(events);
    const updated = (await stat(file)).mtimeMs;
    return { file, header, history, savedHashes, updated, damagedAt };
  }

  async remove(draft: Pick<Draft, 'file'>): Promise<void> {
    await unlink(draft.file).catch(() => undefined);
  }

  /**
   * Marks the config as open by this process. Returns the earlier holder, if any: another
   * running session (both go on; the second to save is asked before overwriting), or one
   * that ended without closing (its lock is taken over).
   */
  async lock(identity: DraftIdentity): Promise<Holder | null> {
    const path = this.lockPath(identity);
    const previous = await this.readLock(path);
    const mine = { pid: process.pid, host: hostname(), started: Date.now() };
    if (previous?.alive && previous.pid !== process.pid) return previous;
    await replaceFile(path, `${JSON.stringify(mine)}\n`, { what: 'lock file', mode: 0o600 });
    return previous && previous.pid !== process.pid ? previous : null;
  }

  /** Who holds the config now, without taking it. */
  async holder(identity: DraftIdentity): Promise<Holder | null> {
    const holder = await this.readLock(this.lockPath(identity));
    return holder && holder.pid !== process.pid ? holder : null;
  }

  async unlock(identity: DraftIdentity): Promise<void> {
    const path = this.lockPath(identity);
    const holder = await this.readLock(path);
    if (holder?.pid === process.pid && holder.host === hostname()) await unlink(path).catch(() => undefined);
  }

  private lockPath(identity: DraftIdentity): string {
    return join(this.dir, `${this.keyOf(identity)}.lock`);
  }

  private async readLock(path: string): Promise<Holder | null> {
    const bytes = await readBoundedIfExists(path, { maxBytes: LOCK_LIMIT, what: 'lock file', noFollow: true }).catch(() => null);
    if (!bytes) return null;
    try {
      const raw = JSON.parse(bytes.toString('utf8')) as Partial<Holder>;
      if (!Number.isSafeInteger(raw.pid) || typeof raw.host !== 'string') return null;
      const pid = raw.pid as number;
      return { pid, host: raw.host, started: Number(raw.started) || 0, alive: holderAlive(pid, raw.host) };
    } catch {
      return null;
    }
  }
}

/** A process on another host cannot be asked: count it as running. */
function holderAlive(pid: number, host: string): boolean {
  return host !== hostname() || processAlive(pid);
}

function sameIdentity(a: DraftIdentity, b: DraftIdentity): boolean {
  return a.srcTree === b.srcTree && a.objTree === b.objTree && a.configPath === b.configPath;
}

/** Opens a journal for appending: created here, never through a link. */
export async function createJournal(path: string) {
  return open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_APPEND, 0o600);
}
