"""Every field of every model has a description: it becomes the contributors' reference."""

from __future__ import annotations

from pydantic import BaseModel

from engage import models
from engage.model_errors import _innermost_model


def all_models() -> list[type[BaseModel]]:
    seen: dict[str, type[BaseModel]] = {}
    todo: list[type[BaseModel]] = [getattr(models, name) for name in models.__all__]
    while todo:
        model = todo.pop()
        if model.__name__ in seen:
            continue
        seen[model.__name__] = model
        for info in model.model_fields.values():
            inner = _innermost_model(info.annotation)
            if inner is not None:
                todo.append(inner)
    return [seen[k] for k in sorted(seen)]


def test_every_field_is_described() -> None:
    undocumented = [
        f"{model.__name__}.{name}"
        for model in all_models()
        for name, info in model.model_fields.items()
        if not (info.description or "").strip()
    ]
    assert undocumented == []


def test_every_model_rejects_unknown_keys() -> None:
    assert [m.__name__ for m in all_models() if m.model_config.get("extra") != "forbid"] == []
