"""Starting a simulated board (`coresim --uart pty`) for a test: returns its serial port and stops the
board when the test ends."""
import subprocess


def start_board(test, coresim, *extra, program=None):
    cmd = [coresim, "--core", "pipe", "--uart", "pty", "--max-cycles", "2000000000", *extra]
    if program:
        cmd.append(program)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    test.addCleanup(proc.stdout.close)
    test.addCleanup(proc.wait)
    test.addCleanup(proc.terminate)
    line = proc.stdout.readline()
    test.assertTrue(line.startswith("coresim: serial port "), line)
    return line.split()[-1]
