"""The build: which modules run compiled, that setup.py compiles the modules named, and
that the model's written ``__init__``s stay what a dataclass would generate."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from qaznews import build
from qaznews.model import Article, Link, Published, Sighting, SourceRef, article_id, link_id

REPO = Path(__file__).resolve().parent.parent


def test_each_compiled_module_has_its_source() -> None:
    for name in build.COMPILED_MODULES:
        assert (REPO / "src" / Path(*name.split("."))).with_suffix(".py").is_file(), name


def test_build_kind_reports_what_was_loaded() -> None:
    found = build.compiled_modules()
    assert set(found) <= set(build.COMPILED_MODULES)
    kind = build.build_kind()
    assert kind == ("compiled" if len(found) == len(build.COMPILED_MODULES)
                    else "pure" if not found else "partly compiled")
    if os.environ.get("QAZNEWS_EXPECT_COMPILED") == "1":
        # make unit-compiled runs the tests on the wheel's build: it must be that build.
        assert kind == "compiled", f"expected the compiled build, got {kind}: {found}"


def _setup_module() -> object:
    """setup.py imported as a module (it calls setup() only when run)."""
    spec = importlib.util.spec_from_file_location("qaznews_setup", REPO / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_setup_compiles_the_modules_build_names() -> None:
    setup = _setup_module()
    paths = setup._compiled_paths()  # type: ignore[attr-defined]
    assert paths == [f"src/{n.replace('.', '/')}.py" for n in build.COMPILED_MODULES]


@pytest.mark.parametrize(("environment", "argv", "reason"), [
    ({"QAZNEWS_PURE": "1"}, ["setup.py", "bdist_wheel"], "QAZNEWS_PURE=1"),
    ({}, ["setup.py", "editable_wheel"], "an editable install"),
])
def test_setup_stays_pure_when_asked_or_editable(
        monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], argv: list[str],
        reason: str) -> None:
    setup = _setup_module()
    monkeypatch.delenv("QAZNEWS_PURE", raising=False)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(sys, "argv", argv)
    assert setup._why_pure() == reason  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", [Article, Link, SourceRef, Sighting])
def test_written_inits_take_every_field_in_order_with_fresh_defaults(cls: type) -> None:
    # Their __init__s are written out (compiled, a generated one would run as Python):
    # they must stay what the dataclass would generate.
    names = [f.name for f in dataclasses.fields(cls)]
    arguments: dict[type, dict[str, object]] = {
        Article: {"title": None, "body": ""}, Link: {"title": "t"}, SourceRef: {},
        Sighting: {"source": SourceRef()}}
    required = arguments[cls]
    made = cls(**required)
    for name in names:
        assert hasattr(made, name), name
    values = {name: getattr(made, name) for name in names}
    again = cls(**values)
    assert again == made and repr(again) == repr(made)
    assert [name for name in values] == names
    for name, value in values.items():
        if isinstance(value, list):  # a fresh list each time, never one shared
            assert getattr(cls(**required), name) is not value


def test_written_inits_keep_ids_and_positions() -> None:
    article = Article("Title", "Body", Published(dt.date(2026, 1, 2)), 5, None, "kt.kz")
    assert (article.views, article.outlet, article.kind) == (5, "kt.kz", "article")
    assert article.id == article_id(None, "kt.kz", "Title", article.published, "Body")
    assert Article("Title", "Body", id="given").id == "given"
    link = Link("Title", None, 7, "https://kt.kz/a")
    assert (link.views, link.url, link.kind) == (7, "https://kt.kz/a", "link")
    assert link.id == link_id("https://kt.kz/a", "Title", None)
    sighting = Sighting(SourceRef("f.txt", 3), dt.date(2026, 1, 3), 9, "abc")
    assert sighting.as_dict() == {"file": "f.txt", "line": 3, "captured": "2026-01-03",
                                  "views": 9}
    with pytest.raises(dataclasses.FrozenInstanceError):
        sighting.views = 10  # type: ignore[misc]
