import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SECTION_END, SECTION_START, withMenuBenchSection } from '../../bench/menu-report.js';
import { percentile, spread } from '../../bench/trace-stats.js';

describe('the BENCHMARKS.md section', () => {
  const document = '# Benchmarks\n\n## Search\n\ntable\n';

  it('is added at the end the first time, the rest kept', () => {
    const once = withMenuBenchSection(document, '## Menu\n\nfirst\n');
    assert.ok(once.startsWith(document.trimEnd()));
    assert.ok(once.endsWith(`${SECTION_START}\n## Menu\n\nfirst\n${SECTION_END}\n`));
  });

  it('replaces its older copy in place, leaving what follows it', () => {
    const once = withMenuBenchSection(document, '## Menu\n\nfirst\n');
    const withTail = `${once}\n## Later section\n`;
    const twice = withMenuBenchSection(withTail, '## Menu\n\nsecond\n');
    assert.equal(twice.split(SECTION_START).length, 2);
    assert.ok(twice.includes('second') && !twice.includes('first'));
    assert.ok(twice.endsWith('\n## Later section\n'));
    assert.equal(withMenuBenchSection(twice, '## Menu\n\nsecond\n'), twice);
  });
});

describe('percentiles', () => {
  it('are nearest-rank values of the sample', () => {
    const values = Array.from({ length: 20 }, (_, index) => 20 - index);
    assert.equal(percentile(values, 50), 10);
    assert.equal(percentile(values, 95), 19);
    assert.equal(percentile(values, 100), 20);
    assert.deepEqual(spread([3]), { count: 1, p50: 3, p95: 3, max: 3 });
    assert.ok(Number.isNaN(percentile([], 50)));
  });
});
