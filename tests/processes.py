"""Waiting on a real geomap process in the tests that run one beside another or interrupt it."""
import time


def wait_for(condition, proc, what, timeout=180):
    """Poll ``condition`` until it holds; fail if ``proc`` ends first or ``timeout`` seconds pass."""
    deadline = time.time() + timeout
    while not condition():
        assert proc.poll() is None, f"process ended before {what}: {proc.communicate()}"
        assert time.time() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)
