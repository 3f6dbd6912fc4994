import type { FileHandle } from 'node:fs/promises';
import { open, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { constants } from 'node:fs';
import { escapeControl } from '../../model/escape-text.js';
import { type DraftEvent, type DraftHeader, eventLine, headerLine } from './draft-format.js';
import { createJournal } from './draft-store.js';

/**
 * The session's unsaved work on disk, written as it happens: the header and a snapshot of the
 * undo list when the first unsaved change is made, then one line per change, each synced before
 * the next is written. `discard` removes it (saved, or quit on purpose). Writing never blocks or
 * breaks editing: a failure stops the journal and is reported through `problem`.
 */
export class DraftJournal {
  private handle: FileHandle | null = null;
  private queue: Promise<void> = Promise.resolve();
  private failure: string | undefined;
  /** Whether the journal exists once the queued writes are done. */
  private started = false;

  constructor(
    readonly path: string,
    private readonly header: DraftHeader,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  /** Why unsaved changes are not being kept, once writing failed. */
  get problem(): string | undefined {
    return this.failure;
  }

  /** Records a change; the first change after a discard writes the header and `snapshot()` instead. */
  record(event: DraftEvent, snapshot: () => DraftEvent): void {
    if (this.failure) return;
    if (!this.started) {
      this.started = true;
      const lines = headerLine(this.header) + eventLine(snapshot());
      this.enqueue(async () => {
        this.handle = await createJournal(this.path);
        await this.handle.write(lines);
        await this.handle.datasync();
        await syncDirectory(dirname(this.path));
      });
      return;
    }
    const line = eventLine(event);
    this.enqueue(async () => {
      if (!this.handle) return;
      await this.handle.write(line);
      await this.handle.datasync();
    });
  }

  /** Removes the journal: nothing unsaved is left. */
  discard(): void {
    if (!this.started) return;
    this.started = false;
    this.enqueue(async () => {
      const handle = this.handle;
      this.handle = null;
      await handle?.close();
      await unlink(this.path).catch(() => undefined);
    });
  }

  /** Waits until everything recorded so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Closes the file and keeps it (the session ends with unsaved changes that a later start can restore). */
  async close(): Promise<void> {
    await this.queue;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch((error: NodeJS.ErrnoException) => {
      this.failure = `unsaved changes are not being kept in ${escapeControl(this.path)}: ${error.code === 'ENOSPC' ? 'no space left on the file system' : error.message}`;
      this.onProblem(this.failure);
    });
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY).catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
