#!/usr/bin/env python3
"""A terminal for benchmarks: runs one command in a pseudo-terminal and times its output.

Driven over stdin/stdout, one JSON object per line each way (bench/pty-driver.ts is the client):

  {"op": "spawn", "argv": [...], "env": {...}, "cwd": "...", "rows": 24, "cols": 80}
      -> {"pid": N, "clock_ms": C}        every time below is ms since just before the fork,
                                          which was C on CLOCK_MONOTONIC
  {"op": "read", "quiet_ms": Q, "timeout_ms": T, "first_ms": F}
      -> {"chunks": [[ms, base64], ...], "timed_out": bool, "exited": bool}
         collects output until none has come for Q ms after the last chunk (or for F ms,
         default Q, when nothing has come at all), T ms have passed, or the program closed
         the terminal
  {"op": "send", "data": base64, "quiet_ms": Q, "timeout_ms": T, "first_ms": F}
      -> {"sent_ms": ms, "stale": [[ms, base64], ...], "chunks": ..., "timed_out": ..., "exited": ...}
         first takes what was already waiting (stale: output that belongs to nothing sent
         now), then writes the bytes in one write(2), as a terminal does with a key or a
         paste, then reads as "read" does
  {"op": "memory"}
      -> {"processes": [{"pid", "ppid", "name", "hwm_kb", "rss_kb"}, ...]}  the program and
         every descendant alive now (VmHWM is each one's peak so far)
  {"op": "stop", "grace_ms": G}
      -> {"status": ..., "survivors": [...]}  SIGTERM to the process group and every
         descendant, SIGKILL after G ms to whatever is left

End of stdin stops the program the same way. Output chunks are timestamped as they are read
(time.monotonic, CLOCK_MONOTONIC, the clock V8's profiler uses too).
"""

import base64
import errno
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

READ_SIZE = 1 << 16


def clock_ms():
    return time.monotonic_ns() / 1e6


def encode(data):
    return base64.b64encode(data).decode('ascii')


def children_map():
    """ppid -> [pid] for every process visible in /proc."""
    kids = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat', 'rb') as handle:
                stat = handle.read().decode('utf-8', 'replace')
        except OSError:
            continue
        # The name is in parentheses and may itself contain spaces or parentheses.
        fields = stat[stat.rfind(')') + 2:].split()
        kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def descendants(root):
    kids = children_map()
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(kids.get(pid, []))
    return found


def status_fields(pid):
    fields = {}
    try:
        with open(f'/proc/{pid}/status', encoding='utf-8', errors='replace') as handle:
            for line in handle:
                name, _, value = line.partition(':')
                fields[name] = value.strip()
    except OSError:
        return None
    return fields


def kb(value):
    return int(value.split()[0]) if value else 0


class Terminal:
    def __init__(self):
        self.pid = None
        self.fd = None
        self.start = None
        self.exited = False
        self.status = None

    def spawn(self, argv, env, cwd, rows, cols):
        if self.pid is not None:
            raise RuntimeError('a program is already running')
        self.start = clock_ms()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
                if cwd:
                    os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            except BaseException as error:  # noqa: BLE001 - the child must never return
                os.write(2, f'pty-driver: cannot run {argv[0]}: {error}\r\n'.encode())
            os._exit(127)
        self.pid, self.fd = pid, fd
        return {'pid': pid, 'clock_ms': self.start}

    def elapsed(self):
        return clock_ms() - self.start

    def take(self, chunks, timeout_s):
        """Waits up to timeout_s for output; appends one chunk; False when nothing came."""
        if self.exited:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout_s))
        if not ready:
            return False
        try:
            data = os.read(self.fd, READ_SIZE)
        except OSError as error:
            if error.errno != errno.EIO:
                raise
            data = b''
        stamp = self.elapsed()
        if not data:
            self.exited = True
            return False
        chunks.append([stamp, encode(data)])
        return True

    def read(self, quiet_ms, timeout_ms, first_ms=None):
        """Output until none came for quiet_ms after the last chunk (or for first_ms when none came)."""
        first_ms = quiet_ms if first_ms is None else first_ms
        chunks = []
        begun = self.elapsed()
        while True:
            now = self.elapsed()
            if now - begun >= timeout_ms:
                return {'chunks': chunks, 'timed_out': True, 'exited': self.exited}
            waited = now - chunks[-1][0] if chunks else now - begun
            wait = min((quiet_ms if chunks else first_ms) - waited, timeout_ms - (now - begun))
            if wait <= 0:
                return {'chunks': chunks, 'timed_out': False, 'exited': self.exited}
            if not self.take(chunks, wait / 1000) and self.exited:
                return {'chunks': chunks, 'timed_out': False, 'exited': True}

    def send(self, data, quiet_ms, timeout_ms, first_ms=None):
        stale = []
        while self.take(stale, 0):
            pass
        sent = self.elapsed()
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]
        result = self.read(quiet_ms, timeout_ms, first_ms)
        result['sent_ms'] = sent
        result['stale'] = stale
        return result

    def memory(self):
        processes = []
        for pid in sorted(self.family()):
            fields = status_fields(pid)
            if fields is None:
                continue
            processes.append({
                'pid': pid,
                'ppid': int(fields.get('PPid', '0')),
                'name': fields.get('Name', '?'),
                'hwm_kb': kb(fields.get('VmHWM')),
                'rss_kb': kb(fields.get('VmRSS')),
            })
        return {'processes': processes}

    def reap(self):
        """Collects the exit status of the program and of any orphan handed to us (subreaper)."""
        while True:
            try:
                done, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if done == 0:
                return
            if done == self.pid:
                self.status = os.waitstatus_to_exitcode(status)

    def family(self):
        """The program and everything it started, including orphans re-parented to the driver."""
        return {pid for pid in descendants(os.getpid()) if pid != os.getpid()}

    def stop(self, grace_ms=2000):
        if self.pid is None:
            return {'status': None, 'survivors': []}
        family = self.family()
        self.signal_all(family, signal.SIGTERM)
        deadline = time.monotonic() + grace_ms / 1000
        while time.monotonic() < deadline:
            self.drain()
            self.reap()
            family |= self.family()
            if self.status is not None and not any(alive_pid(pid) for pid in family):
                break
            time.sleep(0.01)
        self.signal_all({pid for pid in family if alive_pid(pid)}, signal.SIGKILL)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline and (self.status is None or any(alive_pid(pid) for pid in family)):
            self.reap()
            time.sleep(0.01)
        survivors = sorted(pid for pid in family if alive_pid(pid))
        os.close(self.fd)
        result = {'status': self.status, 'survivors': survivors}
        self.pid = None
        return result

    def signal_all(self, pids, number):
        try:
            os.killpg(self.pid, number)
        except (ProcessLookupError, PermissionError):
            pass
        for pid in pids:
            try:
                os.kill(pid, number)
            except ProcessLookupError:
                pass

    def drain(self):
        """Keeps the terminal's buffer empty, so no program blocks writing while it exits."""
        sink = []
        while self.take(sink, 0):
            sink.clear()


def alive_pid(pid):
    """True while pid exists and is not a zombie."""
    try:
        with open(f'/proc/{pid}/stat', 'rb') as handle:
            stat = handle.read().decode('utf-8', 'replace')
    except OSError:
        return False
    return stat[stat.rfind(')') + 2:].split()[0] != 'Z'


def become_subreaper():
    """Orphans of the program (a daemonized grandchild) become our children, so stop finds them."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def on_sigterm(*_):
    raise SystemExit(143)


def answer(message):
    sys.stdout.write(json.dumps(message) + '\n')
    sys.stdout.flush()


def main():
    become_subreaper()
    terminal = Terminal()
    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            request = json.loads(line)
            op = request['op']
            try:
                if op == 'spawn':
                    answer(terminal.spawn(request['argv'], request['env'], request.get('cwd'), request.get('rows', 24), request.get('cols', 80)))
                elif op == 'read':
                    answer(terminal.read(request['quiet_ms'], request['timeout_ms'], request.get('first_ms')))
                elif op == 'send':
                    answer(terminal.send(base64.b64decode(request['data']), request['quiet_ms'], request['timeout_ms'], request.get('first_ms')))
                elif op == 'memory':
                    answer(terminal.memory())
                elif op == 'stop':
                    answer(terminal.stop(request.get('grace_ms', 2000)))
                else:
                    answer({'error': f'unknown op {op!r}'})
            except Exception as error:  # noqa: BLE001 - reported to the client, which decides
                answer({'error': f'{type(error).__name__}: {error}'})
    finally:
        if terminal.pid is not None:
            terminal.stop(1000)


if __name__ == '__main__':
    main()
