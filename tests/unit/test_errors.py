"""One error tree: every error a user can see is declared in `advisor.errors`, and says when."""

from __future__ import annotations

import importlib
import pkgutil

import advisor
from advisor import errors


def all_subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *all_subclasses(direct))]


def every_advisor_error() -> list[type]:
    """Subclasses of `AdvisorError` anywhere in the package (every module imported first)."""
    for module in pkgutil.walk_packages(advisor.__path__, "advisor."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return all_subclasses(errors.AdvisorError)


def test_every_public_advisor_error_is_declared_in_advisor_errors() -> None:
    # Private ones (the fetch loop's retry markers) reach a user only as the class they subclass.
    public = [cls for cls in every_advisor_error() if not cls.__name__.startswith("_")]
    assert {cls.__module__ for cls in public} == {"advisor.errors"}


def test_every_error_class_has_a_one_line_docstring() -> None:
    for cls in [errors.AdvisorError, *all_subclasses(errors.AdvisorError)]:
        doc = cls.__doc__ or ""
        assert doc.strip() and "\n" not in doc.strip(), cls.__name__
