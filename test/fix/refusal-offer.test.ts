import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOffer, refusalOffer } from '../../src/features/fix/refusal-offer.js';
import type { SymbolState } from '../../src/model/types.js';

const heldAtM: SymbolState = { value: 'm', visible: 'y', selectedTo: 'm', allowed: ['m', 'y'], changeable: true, hasValue: true };
const limitedToM: SymbolState = { value: 'm', visible: 'm', selectedTo: 'n', allowed: ['n', 'm'], changeable: true, hasValue: true };
const hidden: SymbolState = { value: 'n', visible: 'n', selectedTo: 'n', allowed: [], changeable: false, hasValue: false };

test('a select refusal offers the lowest value the selects allow and disable', () => {
  const offer = refusalOffer({ name: 'I2C', requested: 'n', code: 'selected', lowest: 'm' }, heldAtM);
  assert.deepEqual(offer, { nearest: { value: 'm', bound: 'lowest' }, fix: { kind: 'disable', argument: 'I2C' } });
  assert.equal(describeOffer(offer!), 'the lowest value possible now is m; to turn off what selects it: tuxconf disable I2C');
  // Without the engine's bound, the symbol's own state gives it.
  assert.equal(
    refusalOffer({ name: 'I2C', requested: 'm', code: 'selected' }, { ...heldAtM, value: 'y', selectedTo: 'y', allowed: ['y'] })?.nearest?.value,
    'y',
  );
  assert.equal(refusalOffer({ name: 'I2C', requested: 'm', code: 'selected', lowest: 'y' }, heldAtM)?.fix.argument, 'I2C=m');
});

test('a dependency refusal offers the highest value the dependencies allow and enable', () => {
  const offer = refusalOffer({ name: 'SND_HDA_CODEC_REALTEK', requested: 'y', code: 'limited' }, limitedToM);
  assert.deepEqual(offer?.nearest, { value: 'm', bound: 'highest' });
  assert.equal(describeOffer(offer!), 'the highest value possible now is m; to make the changes it needs: tuxconf enable SND_HDA_CODEC_REALTEK=y');
  // Nothing reachable: only the fix.
  assert.deepEqual(refusalOffer({ name: 'E1000E', requested: 'y', code: 'not-visible' }, hidden), { fix: { kind: 'enable', argument: 'E1000E=y' } });
  assert.equal(
    describeOffer(refusalOffer({ name: 'CMDLINE', requested: '"a b\'c"', code: 'not-visible' }, hidden)!),
    `to make the changes it needs: tuxconf enable 'CMDLINE="a b'\\''c"'`,
  );
});

test('refusals no fix addresses offer nothing', () => {
  for (const code of ['unknown', 'invalid', 'out-of-range', 'choice', 'unstorable'] as const) {
    assert.equal(refusalOffer({ name: 'X', requested: 'y', code }, heldAtM), undefined, code);
  }
});
