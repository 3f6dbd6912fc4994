import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BuildLog } from '../../src/features/build/build-log.js';
import { adjacentIssue } from '../../src/features/build/issue-navigation.js';
import { RingBuffer } from '../../src/features/build/ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps the newest items under their absolute indexes', () => {
    const ring = new RingBuffer<number>(3);
    for (let value = 0; value < 5; value += 1) ring.push(value * 10);
    assert.equal(ring.total, 5);
    assert.equal(ring.first, 2);
    assert.equal(ring.size, 3);
    assert.deepEqual(ring.slice(0), [20, 30, 40]);
    assert.deepEqual(ring.slice(3, 4), [30]);
    assert.equal(ring.at(1), undefined);
    assert.equal(ring.at(4), 40);
    assert.equal(ring.at(5), undefined);
    assert.throws(() => new RingBuffer(0), /positive integer/);
  });
});

const FAILING_BUILD = [
  "make[1]: Entering directory '/tmp/o'",
  '  CC [M]  /tmp/mod/broken.o',
  '/tmp/mod/broken.c: In function ‘broken_init’:',
  '/tmp/mod/broken.c:3:13: warning: unused variable ‘x’ [-Wunused-variable]',
  '/tmp/mod/broken.c:4:16: error: ‘y’ undeclared (first use in this function)',
  '/tmp/mod/broken.c:5:1: error: control reaches end of non-void function [-Werror=return-type]',
  'make[3]: *** [scripts/Makefile.build:234: /tmp/mod/broken.o] Error 1',
  'make: *** [Makefile:236: __sub-make] Error 2',
];

describe('BuildLog', () => {
  it('counts, keeps the issues and the first error, and hands out text and new lines once', () => {
    const log = new BuildLog();
    for (const line of FAILING_BUILD) log.ingest(line);
    assert.deepEqual(log.counts, { lines: 8, errors: 2, warnings: 1, objects: 1 });
    assert.deepEqual(log.issues.map((issue) => [issue.index, issue.kind]), [[3, 'warning'], [4, 'error'], [5, 'error']]);
    assert.equal(log.firstError?.index, 4);
    assert.deepEqual(log.firstError?.location, { file: '/tmp/mod/broken.c', line: 4, column: 16 });
    assert.equal(log.takeText(), `${FAILING_BUILD.join('\n')}\n`);
    assert.equal(log.takeText(), '');
    assert.equal(log.takeNewLines().length, 8);
    assert.equal(log.takeNewLines().length, 0);
    assert.equal(log.line(6)?.kind, 'failure');
  });

  it('falls back to make\'s failure when no tool reported an error', () => {
    const log = new BuildLog();
    log.ingest('***');
    log.ingest('*** Configuration file ".config" not found!');
    log.ingest('make[2]: *** [scripts/kconfig/Makefile:85: syncconfig] Error 1');
    assert.equal(log.counts.errors, 0);
    assert.equal(log.firstError?.index, 2);
  });

  it('attaches a rustc location to the error printed just before it', () => {
    const log = new BuildLog();
    log.ingest('error[E0425]: cannot find value `x` in this scope');
    log.ingest('   --> rust/kernel/lib.rs:12:5');
    assert.deepEqual(log.firstError?.location, { file: 'rust/kernel/lib.rs', line: 12, column: 5 });
  });

  it('stays bounded through a build of hundreds of thousands of lines', () => {
    const log = new BuildLog({ ringCapacity: 1000, issueCapacity: 50 });
    let delivered = 0;
    for (let index = 0; index < 300_000; index += 1) {
      log.ingest(index % 1000 === 0 ? `drivers/x/f${index}.c:1:1: warning: w` : `  CC      drivers/x/f${index}.o`);
      if (index % 5000 === 4999) {
        delivered += log.takeNewLines().length;
        log.takeText();
      }
    }
    assert.equal(log.counts.lines, 300_000);
    assert.equal(log.counts.warnings, 300);
    assert.equal(log.issues.length, 50);
    assert.equal(log.firstHeldLine, 299_000);
    assert.equal(log.lines(0).length, 1000);
    // Each 5000-line burst is bigger than the ring, so only its last 1000 lines reach the view.
    assert.equal(delivered, 60 * 1000);
  });
});

describe('adjacentIssue', () => {
  const log = new BuildLog();
  for (const line of FAILING_BUILD) log.ingest(line);

  it('jumps forward and back from a line, optionally only to errors or warnings', () => {
    assert.equal(adjacentIssue(log.issues, -1, 'next')?.index, 3);
    assert.equal(adjacentIssue(log.issues, 3, 'next')?.index, 4);
    assert.equal(adjacentIssue(log.issues, 0, 'next', 'errors')?.index, 4);
    assert.equal(adjacentIssue(log.issues, 5, 'next'), undefined);
    assert.equal(adjacentIssue(log.issues, 5, 'previous')?.index, 4);
    assert.equal(adjacentIssue(log.issues, 7, 'previous', 'warnings')?.index, 3);
    assert.equal(adjacentIssue(log.issues, 3, 'previous'), undefined);
  });
});
