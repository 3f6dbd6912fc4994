/**
 * Files sealed as the kconfig frontend seals its probe memo and probe plan: a header naming the
 * format, the body's length and its FNV-1a 64-bit hash, then the body. What someone who knows
 * the format would write.
 */

function fnv1a64(bytes: Buffer): bigint {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash;
}

/** `body` under a valid header of `magic` (`tuxconf-probe-memo 1`, `tuxconf-probe-plan 1`). */
export function sealed(magic: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${magic} ${body.length} ${fnv1a64(body).toString(16).padStart(16, '0')}\n`), body]);
}

/** A probe plan of these commands, as the frontend writes one. */
export function sealedPlan(commands: string[]): Buffer {
  return sealed('tuxconf-probe-plan 1', Buffer.from(commands.map((command) => `${Buffer.byteLength(command)} 0\n${command}\n`).join('')));
}
