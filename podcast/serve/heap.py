"""A serving process's heap kept flat: what a build frees goes back to the system.

A build handles its episode's audio as buffers of about a megabyte each: every clip
decoded (``pcm.py``), every part trimmed and faded (``audio/shape.py``), laid out and
held for the encoder (``audio/layout.py``). glibc's malloc gives such a buffer a mapping
of its own at first, but each time it frees one it raises that threshold to the freed
size (up to 32 MB), so from the first build on these buffers come from its heaps; freed
among the small objects that outlive a build, they leave holes that malloc keeps, and a
thread of its own (a fetch, a request) may use a heap of its own. A process that builds
all day, as ``serve --watch`` does, so grows while what it holds alive does not
(``benchmarks/soak.py --trace``: malloc's free memory grew by tens of kB an episode, its
memory in use and Python's objects stayed flat). Holding the threshold at 128 kB, where
it starts, gives such a buffer a mapping of its own always, unmapped when freed; and the
heaps are at most two.

Only glibc's malloc has these settings; elsewhere (macOS, musl) nothing is done.
"""

from __future__ import annotations

import ctypes
import platform

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MMAP_THRESHOLD_BYTES = 128 * 1024
"""A block this large or larger is mapped on its own and given back when freed (glibc's
starting threshold, held there)."""
ARENAS = 2
"""Heaps malloc may keep at most, whatever the number of threads."""


def keep_heap_flat() -> bool:
    """Set glibc's malloc so that freed buffers are given back; whether it was set."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(
        mallopt(M_ARENA_MAX, ARENAS)
    )
