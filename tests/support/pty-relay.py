#!/usr/bin/env python3
"""Runs a program in a new pseudo-terminal for tests/support/pty.ts, with no native Node module.

    python3 -I pty-relay.py COLS ROWS PROGRAM [ARGS...]

The first line on fd 3 is the program's environment as JSON (exactly what the test asked for:
Python itself may add LC_CTYPE to its own environment when the locale is C).

This process *becomes* PROGRAM (exec), so the pid Node sees is the program's own pid: signals go
straight to it and Node's 'exit' event carries its exit code or signal. Before exec it forks a
relay process, detached (a grandchild that is reparented, so it never shows up as a child of
PROGRAM), which owns the pty's master side and moves bytes:

    fd 0 (pipe from Node)   -> master   keys, pastes, replies to terminal queries
    master -> fd 1 (pipe to Node)       everything PROGRAM writes to its terminal
    fd 3 (pipe from Node)   control lines after the first: "resize COLS ROWS", "hangup", "exited"

"resize" sets the window size on the pty (TIOCSWINSZ), so the kernel sends SIGWINCH to the
terminal's foreground process group. "hangup", or Node closing its pipes (the test process went
away), closes the master: the kernel hangs up the terminal (SIGHUP, reads return EOF), as when a
terminal window is closed. "exited" (PROGRAM is gone) forwards what is left and ends the relay
even if a leftover background process still holds the terminal. Otherwise the relay ends once
every holder of the terminal has closed it and all output has been forwarded. Nothing here
blocks on a full pipe in one direction while the other waits: the master is non-blocking.
"""
import errno
import fcntl
import json
import os
import signal
import select
import struct
import sys
import termios
import traceback

CONTROL_FD = 3
MAX_PENDING_INPUT = 1 << 20  # stop reading keys from Node while this much waits for the program


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]


def relay(master, control):
    os.set_blocking(master, False)
    pending = bytearray()  # input for the program that the pty did not take yet
    inputs = {0, CONTROL_FD}
    draining = False
    while True:
        while b"\n" in control:
            line, control = control.split(b"\n", 1)
            words = line.decode().split()
            if words[:1] == ["resize"]:
                set_size(master, int(words[1]), int(words[2]))
            elif words == ["hangup"]:
                return
            elif words == ["exited"]:
                draining = True
                inputs.discard(0)
        readers = [master] + sorted(inputs if len(pending) < MAX_PENDING_INPUT else inputs - {0})
        writers = [master] if pending else []
        # Once the program has exited, forward what is readable now and stop at the first quiet moment.
        ready_r, ready_w, _ = select.select(readers, writers, [], 0.05 if draining else None)
        if draining and not ready_r and not ready_w:
            return
        if master in ready_r:
            try:
                data = os.read(master, 65536)
            except OSError as e:
                if e.errno != errno.EIO:  # Linux: the slave side is closed and nothing is left to read
                    raise
                data = b""
            if not data:
                return  # every holder of the slave side closed it, and all output was read
            write_all(1, data)
        if master in ready_w:
            try:
                del pending[: os.write(master, pending)]
            except BlockingIOError:
                pass
        if 0 in ready_r:
            data = os.read(0, 65536)
            if not data:
                return  # Node closed our stdin: the harness is gone; closing the master hangs up
            pending += data
        if CONTROL_FD in ready_r:
            data = os.read(CONTROL_FD, 4096)
            if not data:
                return
            control += data


def read_environment():
    """The first control line; what was read after it stays for the relay."""
    data = b""
    while b"\n" not in data:
        chunk = os.read(CONTROL_FD, 65536)
        if not chunk:
            sys.exit("pty-relay: no environment on fd 3")
        data += chunk
    line, rest = data.split(b"\n", 1)
    return json.loads(line), rest


def main():
    cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    env, control = read_environment()
    master, slave = os.openpty()
    set_size(slave, cols, rows)

    middle = os.fork()
    if middle == 0:
        # Fork again and let the middle process exit: the relay is then nobody's child here.
        if os.fork() == 0:
            os.close(slave)
            try:
                relay(master, control)
                os._exit(0)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
        os._exit(0)
    os.waitpid(middle, 0)

    # This process becomes the program, in a new session whose controlling terminal is the pty.
    os.close(master)
    os.setsid()
    try:
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    except OSError as e:  # EIO: the harness hung up already (its test ended)
        sys.exit(f"pty-relay: no terminal for {argv[0]}: {e.strerror}")
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    os.close(slave)
    os.close(CONTROL_FD)
    # Python ignores these; an ignored signal stays ignored across exec (subprocess restores them too).
    for name in ("SIGPIPE", "SIGXFZ", "SIGXFSZ"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        os.execvpe(argv[0], argv, env)  # searches env's PATH, like node-pty did
    except OSError as e:
        os.write(2, f"pty-relay: cannot run {argv[0]}: {e.strerror}\r\n".encode())
        os._exit(127)


if __name__ == "__main__":
    main()
