import type { execa } from 'execa';

/**
 * execa, loaded when first used: its modules and the node streams they pull in are about 17 ms
 * of CPU, which a start that runs nothing through it (a warm start of the menu) does not pay.
 */
export type Execa = typeof execa;

export async function loadExeca(): Promise<Execa> {
  return (await import('execa')).execa;
}
