#!/usr/bin/env python3
"""Time to first frame on a pseudo-terminal, several commands side by side.

    scripts/firstframe.py ROWS COLS RUNS -- NAME MARKER STDIN CMD... [--- NAME MARKER STDIN CMD...]

Each command is started on a new pseudo-terminal of ROWS x COLS and timed
from the start until MARKER appears in what it writes (then it is killed):
for lineup the help line ("quit"), for fzf the count with every line read
("10000/10000"). STDIN is a file to read on standard input, or - for the
terminal. The commands take turns, in alternating order, RUNS times; the
medians are printed, and with two commands their ratio. For example:

    scripts/firstframe.py 24 80 9 -- fzf 10000/10000 lines.txt fzf \\
        --- lineup quit - env LINEUP_DB=/tmp/10k.db lineup
"""
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def first_frame(rows, cols, marker, stdin, argv):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if stdin != "-":
            os.dup2(os.open(stdin, os.O_RDONLY), 0)
        os.execvp(argv[0], argv)
    seen, want, took = b"", marker.encode(), None
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        seen = seen[-len(want):] + data
        if want in seen:
            took = time.perf_counter() - start
            break
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    if took is None:
        sys.stderr.write("%s: %r never appeared\n" % (argv[0], marker))
    return took


def main():
    if len(sys.argv) < 9 or sys.argv[4] != "--":
        sys.exit(__doc__)
    rows, cols, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    cmds, cur = [], []
    for a in sys.argv[5:]:
        if a == "---":
            cmds.append(cur)
            cur = []
        else:
            cur.append(a)
    cmds.append(cur)
    times = {c[0]: [] for c in cmds}
    for i in range(runs):
        for c in cmds if i % 2 == 0 else cmds[::-1]:
            t = first_frame(rows, cols, c[1], c[2], c[3:])
            if t is not None:
                times[c[0]].append(t)
    medians = {}
    for name, ts in times.items():
        if ts:
            medians[name] = statistics.median(ts)
            print("%-10s median %8.1f ms  min %8.1f ms  (%d runs)" % (name, medians[name] * 1000, min(ts) * 1000, len(ts)))
    if len(medians) == 2:
        a, b = medians
        print("%s / %s = %.2f" % (a, b, medians[a] / medians[b]))


if __name__ == "__main__":
    main()
