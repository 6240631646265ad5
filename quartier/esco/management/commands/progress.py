"""A progress bar on a terminal, plain progress lines otherwise."""

import sys


class ProgressBar:
    def __init__(self, stream, width: int = 30):
        self.stream = stream
        self.width = width
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.last: tuple[str, int] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        if self.tty:
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            end = "\n" if done >= total else ""
            self.stream.write(f"\r{stage:>10} [{bar}] {done}/{total}{end}")
            self.stream.flush()
            return
        # plain lines: one per stage and quarter
        step = (stage, int(share * 4))
        if step != self.last:
            self.last = step
            self.stream.write(f"{stage}: {done}/{total}\n")


def progress_for(stream=None) -> ProgressBar:
    return ProgressBar(stream or sys.stdout)
