"""The safe YAML reader: YAML 1.2 scalars, positions, and refusal of what is unsafe."""

from __future__ import annotations

import pytest

from engage.yaml_reader import MAX_FILE_BYTES, YamlProblem, read


def problem(raw: bytes) -> tuple[str, int, int]:
    with pytest.raises(YamlProblem) as caught:
        read(raw)
    return caught.value.code, caught.value.line, caught.value.column


def test_scalars_follow_yaml_1_2_not_1_1() -> None:
    doc = read(b"time: 18:30\nanswer: no\nday: 2026-12-03\noctal: 0755\nyes_bool: true\nnone: ~\nn: 3\nf: 2.5\n")
    assert doc.value == {
        "time": "18:30",
        "answer": "no",
        "day": "2026-12-03",
        "octal": 755,
        "yes_bool": True,
        "none": None,
        "n": 3,
        "f": 2.5,
    }


def test_quoted_scalars_stay_strings() -> None:
    assert read(b"a: \"true\"\nb: '12'\n").value == {"a": "true", "b": "12"}


def test_every_value_has_its_line_and_column() -> None:
    doc = read(b"title: x\naccess:\n  step_free: yes\nareas:\n  - north\n  - south\n")
    assert doc.positions == {
        (): (1, 1),
        ("title",): (1, 1),
        ("access",): (2, 1),
        ("access", "step_free"): (3, 3),
        ("areas",): (4, 1),
        ("areas", 0): (5, 5),
        ("areas", 1): (6, 5),
    }
    # A path that does not exist points at its nearest ancestor.
    assert doc.position(("access", "hearing_loop")) == (2, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: 1\nb: 2\na: 3\n", ("duplicate-key", 3, 1)),
        (b"a: !!python/object/apply:os.system ['ls']\n", ("yaml-tag", 1, 4)),
        (b"a: !custom x\n", ("yaml-tag", 1, 4)),
        (b"a: &x [1, 2]\nb: *x\n", ("yaml-alias", 1, 4)),
        (b"a: [1, 2\n", ("yaml-syntax", 1, 4)),
        (b"\xef\xbb\xbfa: 1\n", ("encoding-error", 1, 1)),
        (b"title: ok\nb: caf\xe9\n", ("encoding-error", 2, 7)),
        (b"", ("empty-file", 1, 1)),
        (b"a: 1\n---\nb: 2\n", ("yaml-syntax", 2, 1)),
        (b"? [a, b]\n: 1\n", ("yaml-syntax", 1, 3)),
    ],
)
def test_unsafe_or_broken_yaml_is_refused_with_its_position(raw: bytes, expected: tuple[str, int, int]) -> None:
    assert problem(raw) == expected


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    bomb += b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode() for i in range(8)
    )
    assert problem(bomb)[0] == "yaml-alias"


def test_oversize_file_is_refused_without_parsing() -> None:
    assert problem(b"a: " + b"x" * MAX_FILE_BYTES + b"\n") == ("file-too-large", 1, 1)


def test_deep_nesting_is_refused() -> None:
    assert problem(b"[" * 5000 + b"]" * 5000)[0] == "too-deep"
