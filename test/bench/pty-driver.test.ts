import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PtyDriver } from '../../bench/pty-driver.js';

const text = (chunks: { bytes: Buffer }[]) => Buffer.concat(chunks.map((chunk) => chunk.bytes)).toString('utf8');
/** Whether the process exists and is not a zombie. */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

const env = { PATH: process.env.PATH, TERM: 'xterm-256color' };

describe('the pty driver (a real pseudo-terminal)', () => {
  it('gives the program a terminal of the size asked for', async () => {
    const driver = new PtyDriver();
    await driver.spawn({ argv: ['sh', '-c', 'stty size; tty -s && echo tty'], env, rows: 24, cols: 80 });
    const reading = await driver.read({ quietMs: 300, timeoutMs: 10_000, firstMs: 5000 });
    await driver.close();
    assert.match(text(reading.chunks), /^24 80\r\ntty\r\n/);
  });

  it('writes a key once and returns what the program answered, after the key', async () => {
    const driver = new PtyDriver();
    await driver.spawn({ argv: ['sh', '-c', 'stty raw -echo; dd bs=1 count=3 2>/dev/null | od -An -c; sleep 5'], env });
    await driver.read({ quietMs: 200, timeoutMs: 5000 });
    const response = await driver.send('\x1bOB', { quietMs: 300, timeoutMs: 10_000, firstMs: 5000 });
    await driver.close();
    assert.match(text(response.chunks), /033\s+O\s+B/);
    assert.ok(response.chunks.every((chunk) => chunk.ms >= response.sentMs));
  });

  it('reports a program that ends instead of hanging', async () => {
    const driver = new PtyDriver();
    await driver.spawn({ argv: ['sh', '-c', 'echo bye'], env });
    const reading = await driver.read({ quietMs: 5000, timeoutMs: 20_000 });
    const { status } = await driver.close();
    assert.equal(reading.exited, true);
    assert.equal(status, 0);
  });

  it('stops the program and everything it started, also what left its process group', async () => {
    const driver = new PtyDriver();
    await driver.spawn({ argv: ['sh', '-c', 'sleep 300 & setsid sleep 301 & trap "" TERM; echo started; wait'], env });
    await driver.read({ quietMs: 300, timeoutMs: 10_000, firstMs: 5000 });
    const family = await driver.memory();
    assert.ok(family.filter((process) => process.name === 'sleep').length === 2, JSON.stringify(family));
    const { survivors } = await driver.close(500);
    assert.deepEqual(survivors, []);
    for (const process of family) assert.equal(running(process.pid), false, `pid ${process.pid} (${process.name}) is still running`);
  });
});
