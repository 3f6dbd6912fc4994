import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyLine, isObjectStep } from '../../src/features/build/log-classifier.js';

// Lines as the 6.12 tree's make, gcc 12, binutils and modpost printed them on this machine.
describe('classifyLine', () => {
  it('recognizes kbuild steps and what counts as an object', () => {
    const cc = classifyLine('  CC      lib/math/div64.o');
    assert.deepEqual(cc, { kind: 'step', step: { tag: 'CC', target: 'lib/math/div64.o' } });
    assert.equal(isObjectStep(cc), true);
    const module = classifyLine('  CC [M]  /tmp/bexp/mod/broken.o');
    assert.deepEqual(module.step, { tag: 'CC [M]', target: '/tmp/bexp/mod/broken.o' });
    assert.equal(isObjectStep(module), true);
    assert.equal(isObjectStep(classifyLine('  HOSTCC  scripts/kallsyms')), true);
    assert.equal(isObjectStep(classifyLine('  AR      lib/built-in.a')), false);
    assert.equal(isObjectStep(classifyLine('  GEN     Makefile')), false);
    assert.equal(classifyLine('  DESCEND objtool').kind, 'step');
  });

  it('finds gcc errors, warnings and notes with file:line:column', () => {
    assert.deepEqual(classifyLine('/tmp/bexp/mod/broken.c:4:16: error: ‘undefined_symbol_here’ undeclared (first use in this function)'), {
      kind: 'error',
      message: '‘undefined_symbol_here’ undeclared (first use in this function)',
      location: { file: '/tmp/bexp/mod/broken.c', line: 4, column: 16 },
    });
    const warning = classifyLine('/tmp/bexp/mod2/warn.c:5:13: warning: unused variable ‘unused_here’ [-Wunused-variable]');
    assert.equal(warning.kind, 'warning');
    assert.deepEqual(warning.location, { file: '/tmp/bexp/mod2/warn.c', line: 5, column: 13 });
    assert.equal(classifyLine('/tmp/bexp/mod/broken.c:4:16: note: each undeclared identifier is reported only once').kind, 'note');
    assert.equal(classifyLine('lib/foo.c:12:1: fatal error: linux/nope.h: No such file or directory').kind, 'error');
  });

  it('leaves gcc context and source excerpts as text', () => {
    assert.equal(classifyLine('/tmp/bexp/mod/broken.c: In function ‘broken_init’:').kind, 'text');
    assert.equal(classifyLine('    4 |         return undefined_symbol_here + 1;').kind, 'text');
    assert.equal(classifyLine('      |                ^~~~~~~~~~~~~~~~~~~~~').kind, 'text');
    assert.equal(classifyLine("make[1]: Entering directory '/tmp/bexp/o1'").kind, 'text');
    assert.equal(classifyLine('cc1: all warnings being treated as errors').kind, 'text');
  });

  it('tells make passing a failure up from make reporting a cause', () => {
    assert.equal(classifyLine('make[3]: *** [/tmp/ksrc/linux-source-6.12/scripts/Makefile.build:234: /tmp/bexp/mod/broken.o] Error 1').kind, 'failure');
    assert.equal(classifyLine('make: *** [Makefile:236: __sub-make] Error 2').kind, 'failure');
    assert.equal(classifyLine('make[2]: *** Waiting for unfinished jobs....').kind, 'failure');
    assert.deepEqual(classifyLine("make[2]: *** No rule to make target 'nosuchtarget'.  Stop."), {
      kind: 'error',
      message: "No rule to make target 'nosuchtarget'.  Stop.",
    });
    assert.deepEqual(classifyLine('Makefile:12: *** missing separator.  Stop.'), {
      kind: 'error',
      message: 'missing separator.  Stop.',
      location: { file: 'Makefile', line: 12 },
    });
  });

  it('finds linker, modpost, objtool and rustc diagnostics', () => {
    assert.equal(classifyLine("/usr/bin/ld: /tmp/ccRtcnBk.o: in function `main':").kind, 'note');
    assert.deepEqual(classifyLine("/tmp/bexp/ld.c:1: undefined reference to `nope'").location, { file: '/tmp/bexp/ld.c', line: 1 });
    assert.deepEqual(classifyLine("main.c:(.init.text+0x5d): undefined reference to `foo'").location, { file: 'main.c' });
    assert.equal(classifyLine('ld: cannot find nonexist.o: No such file or directory').kind, 'error');
    assert.equal(classifyLine('ld: warning: arch/x86/boot/compressed/vmlinux has a LOAD segment with RWX permissions').kind, 'warning');
    assert.equal(classifyLine('collect2: error: ld returned 1 exit status').kind, 'error');
    assert.deepEqual(classifyLine('ERROR: modpost: "tuxconf_missing_symbol" [/tmp/bexp/mod2/warn.ko] undefined!'), {
      kind: 'error',
      message: 'modpost: "tuxconf_missing_symbol" [/tmp/bexp/mod2/warn.ko] undefined!',
    });
    assert.equal(classifyLine('WARNING: Module.symvers is missing.').kind, 'warning');
    const objtool = classifyLine('vmlinux.o: warning: objtool: foo+0x1d: call to bar() leaves .noinstr.text section');
    assert.equal(objtool.kind, 'warning');
    assert.deepEqual(objtool.location, { file: 'vmlinux.o' });
    assert.equal(classifyLine('error[E0425]: cannot find value `x` in this scope').kind, 'error');
    assert.deepEqual(classifyLine('   --> rust/kernel/lib.rs:12:5'), { kind: 'note', location: { file: 'rust/kernel/lib.rs', line: 12, column: 5 } });
    assert.equal(classifyLine('/bin/sh: 1: pahole: not found').kind, 'error');
  });
});
