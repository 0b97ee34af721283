#!/usr/bin/env python3
"""Runs a command and reports its wall time and peak memory, split by kind.

Usage: peak_memory.py COMMAND [ARG ...]

Prints one line to stderr:
  wall S  peak_rss MB  peak_anon MB  peak_file MB  exit N
peak_rss is the kernel's high-water mark (getrusage ru_maxrss of the child); peak_anon and
peak_file are the largest RssAnon (the process's own heap) and RssFile (file pages mapped in,
such as a memory-mapped training cache, which the kernel can drop under memory pressure)
seen while polling /proc/PID/status every 50 ms. The command's stdout and stderr pass through.
"""
import resource
import subprocess
import sys
import time


def sample(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("RssAnon", "RssFile"):
                    fields[key] = int(value.split()[0])
    except OSError:
        pass
    return fields.get("RssAnon", 0), fields.get("RssFile", 0)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    start = time.monotonic()
    child = subprocess.Popen(sys.argv[1:])
    anon = file = 0
    while child.poll() is None:
        a, f = sample(child.pid)
        anon, file = max(anon, a), max(file, f)
        time.sleep(0.05)
    wall = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"wall {wall:.1f} s  peak_rss {peak / 1024:.0f} MB  peak_anon {anon / 1024:.0f} MB  "
        f"peak_file {file / 1024:.0f} MB  exit {child.returncode}",
        file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
