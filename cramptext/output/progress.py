"""Progress of a run on the terminal: documents done, words per second, time left (tqdm, on
stderr). Off when stderr is not a terminal (output piped or redirected) or in CI."""
from __future__ import annotations

import os
import sys
import time


def progress_wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


class Progress:
    def __init__(self, total: int | None, enabled: bool | None = None):
        self.enabled = progress_wanted() if enabled is None else enabled
        self.words = 0
        self.started = time.monotonic()
        self.bar = None
        if self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False,
                            smoothing=0.1, desc="analysing")

    def update(self, result) -> None:
        """One more document done (a ``DocumentResult``)."""
        if self.bar is None:
            return
        self.words += len(result.document.text.split())
        rate = self.words / max(time.monotonic() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{rate:,.0f} words/s", refresh=False)
        self.bar.update(1)

    def note(self, line: str) -> None:
        """A message on stderr that does not tear the bar."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
