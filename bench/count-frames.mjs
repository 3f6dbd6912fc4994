// Preloaded into the TUI by bench/profile-moves.ts (node --import): notes the time of every
// frame Ink hands to tuxconf's FrameWriter (one per React commit, Ink running in debug mode),
// on CLOCK_MONOTONIC like the pty driver, and writes them to $TUXCONF_FRAME_LOG at exit.
import { writeFileSync } from 'node:fs';

const log = process.env.TUXCONF_FRAME_LOG;
if (log) {
  const { FrameWriter } = await import(new URL('../dist/ui/frame-writer.js', import.meta.url).href);
  const frames = [];
  const write = FrameWriter.prototype.write;
  FrameWriter.prototype.write = function countedWrite(...args) {
    frames.push(Number(process.hrtime.bigint()) / 1e6);
    return write.apply(this, args);
  };
  process.on('exit', () => writeFileSync(log, JSON.stringify(frames)));
}
