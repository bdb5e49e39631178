"""The ``xnkc`` command (the console script) and ``python -m xnkc``.

Start-up creates some 100,000 objects that live until the process ends — modules, classes,
functions, the command line's parameters — and CPython's cyclic garbage collector, triggered every
700 allocations, would walk them over and over while they are made (~15 % of a ``check``). So
collection is off while the command line is imported, those objects are then frozen out of every
later collection (``gc.freeze``), and collection resumes with a larger first generation: a
command's own garbage is still collected, in bigger and much rarer passes.
"""

from __future__ import annotations

import gc

GEN0_THRESHOLD = 10_000  # allocations between collections of the youngest generation (CPython: 700)


def run() -> None:
    gc.disable()
    try:
        from xnkc.cli import main
    finally:
        gc.freeze()
        gc.set_threshold(GEN0_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()
    main()


if __name__ == "__main__":
    run()
