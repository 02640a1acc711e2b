"""`engage codeowners`: the CODEOWNERS file, made from the organisations list and site.yaml.

Each partner's folder of events is reviewed by that partner's own reviewers (and the site team,
who may approve on a partner's behalf); officers' records by their teams; everything else by the
site team. GitHub reads the last matching line, so the general rule comes first.
"""

from __future__ import annotations

from .loading import Loaded

HEADER = (
    "# Who reviews what. Made by `engage codeowners` from data/site.yaml (reviewers) and\n"
    "# data/taxonomies/organisations.yaml (each organisation's reviewers): edit those, then run\n"
    '# `engage codeowners --write .github/CODEOWNERS`. Turn on "Require review from Code Owners"\n'
    "# for the main branch, and each team needs write access to the repository.\n"
)


class CodeownersError(ValueError):
    """CODEOWNERS cannot be made; the message says why."""


def render(loaded: Loaded) -> str:
    if loaded.settings is None:
        raise CodeownersError("site.yaml is missing or has problems; run engage validate")
    reviewers = loaded.settings.model.reviewers
    site = list(reviewers.site)
    if not site:
        raise CodeownersError("site.yaml has no reviewers.site: the site team must review what no one else does")
    rows: list[tuple[str, list[str]]] = [("*", site)]
    organisations = sorted(loaded.taxonomies.get("organisations", []), key=lambda r: r.id)
    events = [
        (f"/data/events/{r.id}/", [*r.model.reviewers, *(s for s in site if s not in r.model.reviewers)])
        for r in organisations
    ]
    records = [
        ("/data/eias/", list(reviewers.eias) or site),
        ("/data/feedback/", list(reviewers.feedback) or site),
        ("/data/commitments/", list(reviewers.commitments) or site),
    ]
    shared = [("/data/taxonomies/", site), ("/data/site.yaml", site), ("/.github/", site)]
    width = max(len(path) for path, _ in [*rows, *events, *records, *shared]) + 1

    def block(comment: str, lines: list[tuple[str, list[str]]]) -> str:
        return comment + "".join(f"{path.ljust(width)}{' '.join(owners)}\n" for path, owners in lines)

    return "\n".join(
        [
            HEADER,
            block("# The site team: the code, templates, pages and anything not listed below.\n", rows),
            block("# Each partner's own folder of events, with the site team to approve on its behalf.\n", events),
            block("# Officers' records.\n", records),
            block("# Shared lists and settings affect every partner.\n", shared),
        ]
    )
