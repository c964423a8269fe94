#!/usr/bin/env python3
"""Fails when a process started by the tests is still alive: any process whose environment holds
TMPDIR=<the test run's folder> or whose command line names that folder (aiosmtpd, PostgreSQL,
Chromium, `vigia serve`), other than this script and the processes above it. Each one found is
listed and ended (SIGKILL: aiosmtpd ignores SIGTERM while it serves), and the exit code is 1.

Usage: check_leftovers.py FOLDER   (run by scripts/test.sh at the end of `make test`)
"""
import os, signal, sys


def ancestors():
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            break
    return pids


def main():
    folder = os.path.realpath(sys.argv[1]).encode()
    mine = ancestors()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in mine:
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                env = f.read()
            with open(f"/proc/{name}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue   # gone, or a kernel thread
        if not cmd:
            continue   # a zombie waiting for its parent: nothing runs
        if b"TMPDIR=" + folder + b"\0" in env + b"\0" or folder in cmd:
            found.append((int(name), cmd.replace(b"\0", b" ").decode(errors="replace").strip()))
    for pid, cmd in found:
        print(f"check_leftovers: proceso de las pruebas aún vivo: {pid} {cmd[:200]}", file=sys.stderr)
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    if found:
        print(f"check_leftovers: {len(found)} proceso(s) que las pruebas dejaron vivos (terminados ahora).", file=sys.stderr)
        return 1
    print("check_leftovers: las pruebas no dejaron procesos vivos.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
