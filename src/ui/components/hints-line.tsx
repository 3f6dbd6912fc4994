/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Text } from 'ink';
import { Fragment } from 'react';
import { fit } from '../text/fit.js';

import type { Hint } from '../input/bindings.js';

/** The key hints that fit in one line, most important first. */
export function HintsLine({ hints, width }: { hints: readonly Hint[]; width: number }) {
  const shown: Hint[] = [];
  let used = 0;
  for (const hint of hints) {
    const length = hint[0].length + 1 + hint[1].length + 2;
    if (used + length > width) break;
    shown.push(hint);
    used += length;
  }
  return (
    <Text wrap="truncate">
      {shown.map(([key, label]) => (
        <Fragment key={key + label}>
          <Text inverse bold>
            {key}
          </Text>
          {` ${label}  `}
        </Fragment>
      ))}
      {fit('', Math.max(0, width - used))}
    </Text>
  );
}
