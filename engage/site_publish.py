"""Publish a freshly built site in one atomic step, under a lock.

`make build` runs the builder into a new folder beside `site/`, then swaps the two folders in
one system call (Linux `renameat2(RENAME_EXCHANGE)`), so at every moment `site/` is either the
whole old site or the whole new one:

- a build that fails, or is killed at any point, leaves `site/` as it was (the half-built
  folder is removed by the next run);
- two builds at once take turns on a lock file (`fcntl.flock`), so neither publishes into the
  other's folder;
- a `site/` that cannot be replaced (its folder read-only) is reported in one sentence, exit 1,
  with the old site kept; a read-only `site/` itself is swapped like any other.

Where the exchange call is missing, the fallback renames the old site aside and the new one
into place; a kill between the two renames is repaired by the next run (the old site moves back).

    python -m engage.site_publish --site site -- mkdocs build --strict
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

_BUILDING = ".site-building-"
_RETIRED = ".site-retired-"
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: the file system cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def _remove(path: Path) -> None:
    try:
        shutil.rmtree(path)
    except PermissionError:
        # A read-only copy (someone ran chmod -R a-w site): make its folders writable, then retry.
        for folder, _dirs, _files in os.walk(path):
            os.chmod(folder, 0o755)
        shutil.rmtree(path)


def tidy(site: Path) -> None:
    """Undo what a killed run left: put a retired site back if `site/` is gone, drop scratch folders."""
    parent = site.parent
    leftovers = sorted(parent.glob(_RETIRED + "*"))
    if not site.exists() and leftovers:
        os.rename(leftovers[-1], site)
        leftovers = leftovers[:-1]
    for path in [*leftovers, *parent.glob(_BUILDING + "*")]:
        with contextlib.suppress(OSError):  # a stale copy that cannot be removed costs only disk space
            _remove(path)


def swap_in(new: Path, site: Path) -> None:
    """Make `new` the site; afterwards `site` is whole, old or new, whatever happened."""
    if not site.exists():
        os.rename(new, site)
        return
    if _exchange(new, site):
        retired = new  # now holds the old site
    else:
        retired = site.parent / (_RETIRED + new.name.removeprefix(_BUILDING))
        os.rename(site, retired)
        os.rename(new, site)
    with contextlib.suppress(OSError):  # tidied by the next run
        _remove(retired)


def publish(site: Path, command: Sequence[str]) -> int:
    """Run `command --site-dir <scratch>` and, if it succeeds, swap the result in as `site`."""
    site = site.absolute()
    try:
        return _publish_locked(site, command)
    except OSError as err:
        print(
            f"error: could not publish {site.name}/: {err.strerror or err} ({err.filename or site.parent}); "
            "the previous site is unchanged",
            file=sys.stderr,
        )
        return 1


def _publish_locked(site: Path, command: Sequence[str]) -> int:
    site.parent.mkdir(parents=True, exist_ok=True)
    with open(site.parent / f".{site.name}.lock", "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # another build waits here for its turn
        tidy(site)
        scratch = Path(tempfile.mkdtemp(prefix=_BUILDING, dir=site.parent))
        try:
            result = subprocess.run([*command, "--site-dir", str(scratch)], check=False)
            if result.returncode != 0:
                print(f"build failed (exit {result.returncode}); {site.name}/ is unchanged", file=sys.stderr)
                return 1
            os.chmod(scratch, 0o755)  # mkdtemp makes it private; a web server must read it
            swap_in(scratch, site)
        finally:
            if scratch.exists():
                with contextlib.suppress(OSError):
                    _remove(scratch)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engage.site_publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the published folder (default: site)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the build command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the build command after --")
    return publish(args.site, command)


if __name__ == "__main__":
    raise SystemExit(main())
