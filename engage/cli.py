"""The `engage` command: validate data, start a new record, export open data."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, sequence_check
from .dry_build import dry_build
from .portal import check_data
from .problems import Problem, as_json, errors
from .scaffold import KINDS, ScaffoldError, new_record
from .today import TodayError


def find_data_root(path: Path) -> Path | None:
    """The data folder a path belongs to: the nearest folder holding site.yaml."""
    path = path.resolve()
    for candidate in [path, *path.parents]:
        if candidate.is_dir() and (candidate / "site.yaml").is_file():
            return candidate
    return None


def _within(problem: Problem, selected: list[str]) -> bool:
    return any(problem.file == s or problem.file.startswith(s.rstrip("/") + "/") for s in selected)


def cmd_validate(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in (args.paths or ["data"])]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"engage validate: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    roots = {find_data_root(p) for p in paths}
    if None in roots:
        print(
            "engage validate: cannot find the data folder (the folder with site.yaml) for the paths given",
            file=sys.stderr,
        )
        return 2
    if len(roots) > 1:
        print("engage validate: the paths belong to more than one data folder", file=sys.stderr)
        return 2
    root = roots.pop()
    assert root is not None
    try:
        # Only "cannot be in the future" rules depend on the day: ENGAGE_TODAY, or today's date.
        result = check_data(root)
    except TodayError as err:
        print(f"engage validate: {err}", file=sys.stderr)
        return 2
    if result.portal is not None and not args.no_build:
        # What validates must build: generate every page, feed and export as the build would.
        result.problems.extend(dry_build(result.portal, root.name))
    # Problems are shown relative to the data folder's parent, like the files in the repository.
    selected = []
    for p in paths:
        rel = p.resolve().relative_to(root.parent).as_posix()
        selected.append(rel)
    problems = [p for p in result.problems if _within(p, selected)]
    if args.against:
        try:
            problems = sorted(
                {*problems, *(p for p in sequence_check.against(root, args.against) if _within(p, selected))}
            )
        except sequence_check.BaseMissing as err:
            print(f"engage validate: {err}", file=sys.stderr)
            return 2
    if args.format == "json":
        print(as_json(problems))
    elif args.format == "github":
        for problem in problems:
            print(problem.as_github())
    else:
        for problem in problems:
            print(problem.as_text())
    if args.format != "json":
        checked = sum(1 for f in result.files if any(f == s or f.startswith(s.rstrip("/") + "/") for s in selected))
        summary = f"{checked} file{'s' if checked != 1 else ''} checked, {len(problems)} problem{'s' if len(problems) != 1 else ''}"
        warnings = len(problems) - len(errors(problems))
        if warnings:
            summary += f" ({warnings} warning{'s' if warnings != 1 else ''})"
        print(summary, file=sys.stderr)
    # Warnings (such as a possible clash between partners' events) are shown but never fail.
    return 1 if errors(problems) else 0


def cmd_new(args: argparse.Namespace) -> int:
    try:
        path = new_record(
            Path(args.data),
            args.kind,
            title=args.title,
            organiser=args.organiser,
            day=args.date,
            slug=args.slug,
            event=args.event,
        )
    except ScaffoldError as err:
        print(f"engage new: {err}", file=sys.stderr)
        return 2
    print(f"Wrote {path}. Replace every TODO (it will not validate until you do), then run: engage validate {path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .exports import export

    data, out = Path(args.data), Path(args.out)
    if not (data / "site.yaml").is_file():
        print(f"engage export: {data} is not a data folder (it has no site.yaml)", file=sys.stderr)
        return 2
    try:
        written, problems = export(data, out)
    except TodayError as err:
        print(f"engage export: {err}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.as_text(), file=sys.stderr)
    if problems:
        print(f"engage export: {len(problems)} problem(s) in the data; nothing was written", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} files under {out}")
    return 0


def cmd_import_ics(args: argparse.Namespace) -> int:
    from . import calendar_import as ci

    data = Path(args.data)
    if not (data / "site.yaml").is_file():
        print(f"engage import-ics: {data} is not a data folder (it has no site.yaml)", file=sys.stderr)
        return 2
    try:
        raw = ci.fetch(args.calendar)
        defaults = ci.Defaults(args.method, tuple(args.area), tuple(args.topic), tuple(args.group), args.venue)
        # "Today" (the horizon of an endless series, which events are past) is the site's day.
        changes = ci.import_calendar(data, raw, args.organiser, defaults, None, dry_run=args.dry_run)
    except (ci.ImportError_, TodayError) as err:
        print(f"engage import-ics: {err}", file=sys.stderr)
        return 2
    would = "would be " if args.dry_run else ""
    for change in changes:
        if change.action == "unchanged":
            continue
        print(f"{change.action:<9} {change.path or '(not written)'}  {change.title}")
        for note in change.notes:
            print(f"          - {note}")
    written = {c.path for c in changes if c.action in ("new", "updated", "cancelled")}
    if written and not args.dry_run:
        # What the calendar itself holds may still be refused (a phone number in a description):
        # say so now, in the validator's words, rather than in the pull request's checks.
        problems = [p for p in check_data(data).problems if p.file in written]
        for problem in problems:
            print(problem.as_text())
        if problems:
            print(
                f"engage import-ics: fix these {len(problems)} problem(s) in the calendar or the files before publishing",
                file=sys.stderr,
            )
    counts = {
        a: sum(1 for c in changes if c.action == a) for a in ("new", "updated", "cancelled", "unchanged", "skipped")
    }
    print(
        f"{counts['new']} {would}new, {counts['updated']} {would}updated, {counts['cancelled']} {would}cancelled, "
        f"{counts['unchanged']} unchanged, {counts['skipped']} not imported",
        file=sys.stderr,
    )
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from .codeowners import CodeownersError, render
    from .loading import load

    data = Path(args.data)
    if not (data / "site.yaml").is_file():
        print(f"engage codeowners: {data} is not a data folder (it has no site.yaml)", file=sys.stderr)
        return 2
    try:
        text = render(load(data))
    except CodeownersError as err:
        print(f"engage codeowners: {err}", file=sys.stderr)
        return 2
    if args.check:
        current = Path(args.check).read_text("utf-8") if Path(args.check).is_file() else ""
        if current != text:
            print(
                f"engage codeowners: {args.check} is out of date; run engage codeowners --write {args.check}",
                file=sys.stderr,
            )
            return 1
        return 0
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(text, encoding="utf-8")
        print(f"Wrote {args.write}")
        return 0
    sys.stdout.write(text)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    from . import schema_files

    folder = Path(args.folder)
    if args.check:
        stale = schema_files.stale(folder)
        if stale:
            print(
                f"engage schemas: {folder} is out of step with the models ({', '.join(stale)}); "
                f"run engage schemas {folder}",
                file=sys.stderr,
            )
            return 1
        return 0
    changed = schema_files.write(folder)
    print(
        f"Wrote {len(changed)} schema file{'s' if len(changed) != 1 else ''} in {folder}"
        if changed
        else f"{folder} is up to date"
    )
    return 0


def cmd_preview_site(args: argparse.Namespace) -> int:
    from .browsable import make_browsable

    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").is_file():
        print(
            f"engage preview-site: {site} is not a built site (it has no index.html); run make build", file=sys.stderr
        )
        return 2
    if out.resolve() == site.resolve() or site.resolve() in out.resolve().parents:
        print("engage preview-site: --out must be outside the built site", file=sys.stderr)
        return 2
    count = make_browsable(site, out)
    print(f"Wrote {out}: {count} pages with links that open from disk; open {out / 'index.html'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="engage",
        description="Check and publish a partnership's engagement calendar and equality records.",
    )
    parser.add_argument("--version", action="version", version=f"engage {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = sub.add_parser(
        "validate",
        help="check data files and report every problem with file, line and field",
        description="Check data files. Exit 0 when all is well or there are only warnings (such as a possible "
        "clash between partners' events), 1 when any record is wrong, 2 on usage errors.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to report on (default: data)")
    validate.add_argument(
        "--format",
        choices=["text", "github", "json"],
        default="text",
        help="text (one line per problem), github (workflow annotations) or json",
    )
    validate.add_argument(
        "--no-build",
        action="store_true",
        help="only check the data; skip generating the site in memory (which proves that what validates builds)",
    )
    validate.add_argument(
        "--against",
        metavar="REF",
        help="also compare each changed event file with its version at this git ref (such as origin/main) and "
        "report a date, time, place or status change whose sequence was not raised",
    )
    validate.set_defaults(func=cmd_validate)

    new = sub.add_parser(
        "new",
        help="write a commented starter file for a new record in the right folder",
        description="Write a starter file for a new record. Each TODO in it is a placeholder that fails "
        "validation until it is replaced, so a starter can never be published as written.",
    )
    new.add_argument("kind", choices=KINDS, help="the type of record")
    new.add_argument("--title", required=True, help="the record's title")
    new.add_argument("--organiser", help="organisation id; required for events (the folder the file goes in) and EIAs")
    new.add_argument("--event", help="the consultation event (id) the feedback answers; required for feedback")
    new.add_argument("--date", help="the event's date, YYYY-MM-DD (events)")
    new.add_argument("--slug", help="the id to use instead of one made from the title")
    new.add_argument("--data", default="data", help="the data folder (default: data)")
    new.set_defaults(func=cmd_new)

    imp = sub.add_parser(
        "import-ics",
        help="turn a partner's calendar (.ics file or feed address) into event files in its folder",
        description="Read an iCalendar file or feed (Google, Outlook, Apple) and write one event file per "
        "calendar event in data/events/<organiser>/. Re-running finds each file by the event's UID, so "
        "nothing is duplicated and an unchanged calendar changes nothing; any change people see "
        "raises sequence. An imported event that has gone from the calendar is cancelled (from today on, "
        "for a series under way), with its sequence raised; past ones are left as they are. Categories are matched to method, area, topic and group ids or names; "
        "what matches nothing is reported, never guessed. Exit 0 when it ran (events that could not be "
        "imported are listed with the reason), 2 on usage errors.",
    )
    imp.add_argument("calendar", metavar="FILE", help="an .ics file, or an https:// (or webcal://) feed address")
    imp.add_argument("--organiser", required=True, help="the organisation id: the folder the files go in")
    imp.add_argument("--method", help="engagement method id for events whose categories name none")
    imp.add_argument(
        "--area",
        action="append",
        default=[],
        help="area id for events with no area category or known venue (repeatable)",
    )
    imp.add_argument(
        "--topic", action="append", default=[], help="topic id for events whose categories name none (repeatable)"
    )
    imp.add_argument(
        "--group", action="append", default=[], help="group id for events whose categories name none (repeatable)"
    )
    imp.add_argument("--venue", help="venue id for events with no location")
    imp.add_argument("--dry-run", action="store_true", help="list what would change, write nothing")
    imp.add_argument("--data", default="data", help="the data folder (default: data)")
    imp.set_defaults(func=cmd_import_ics)

    owners = sub.add_parser(
        "codeowners",
        help="make the CODEOWNERS file from the organisations' and site's reviewers",
        description="Print (or write, or check) the CODEOWNERS file: each organisation's folder of events is "
        "reviewed by its reviewers (organisations.yaml) and the site team; EIAs, feedback and commitments by the "
        "teams in site.yaml. Exit 0 when done or up to date, 1 when --check finds it out of date, 2 on usage errors.",
    )
    group = owners.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="PATH", help="write the file there (such as .github/CODEOWNERS)")
    group.add_argument("--check", metavar="PATH", help="fail if the file there differs from what would be made")
    owners.add_argument("--data", default="data", help="the data folder (default: data)")
    owners.set_defaults(func=cmd_codeowners)

    schemas = sub.add_parser(
        "schemas",
        help="write the data files' JSON Schemas into the repository, for editor completion",
        description="Write the JSON Schema of every data file (event, eia, feedback, ... and each taxonomy) into "
        "a folder of the repository (default: schemas, beside data). Starters and imported files name it in "
        "their first line by a relative path, so editors complete and check YAML in any clone or fork, before "
        "a site is published. Exit 0 when written or up to date, 1 when --check finds it out of step, 2 on "
        "usage errors.",
    )
    schemas.add_argument("folder", nargs="?", default="schemas", help="the folder (default: schemas)")
    schemas.add_argument("--check", action="store_true", help="fail if the folder differs from the models")
    schemas.set_defaults(func=cmd_schemas)

    preview = sub.add_parser(
        "preview-site",
        help="copy the built site so that it opens from disk, for previews",
        description="Copy a built site to another folder with every link to a folder (events/x/) made a link to "
        "its index.html, so it can be browsed from the files without a web server. Exit 0 when written, 2 on "
        "usage errors.",
    )
    preview.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    preview.add_argument("--out", default="preview", metavar="DIR", help="where to write the copy (default: preview)")
    preview.set_defaults(func=cmd_preview_site)

    export = sub.add_parser(
        "export",
        help="write the open data files (JSON, CSV) and JSON Schemas the site publishes",
        description="Check the data, then write the open data files and JSON Schemas the site publishes, "
        "at the same paths (open-data/..., schemas/...) under the output folder. "
        "Exit 0 when written, 1 when the data has problems (nothing is written), 2 on usage errors.",
    )
    export.add_argument("--data", default="data", help="the data folder (default: data)")
    export.add_argument("--out", default="export", metavar="DIR", help="the folder to write into (default: export)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
