"""Every public function and method of the service side says what it is for.

Exempt are what is documented elsewhere: overrides of a base class's
method (``dataReceived``, ``connectionMade``), methods a declared interface
names (``resumeProducing`` of ``IPushProducer``), ``render_*`` of a resource
(its class docstring names the route) and the members of a ``Protocol``
type (its class docstring says whose surface it describes).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Protocol

from zope.interface import implementedBy

import fwbot.doors

MODULES = ["fwbot.service", "fwbot.feedback", "fwbot.report", "fwbot.kb", "fwbot.eval",
           "fwbot.metrics", "fwbot.tap", "fwbot.compose"] + [
    f"fwbot.doors.{m.name}" for m in pkgutil.iter_modules(fwbot.doors.__path__)]


def undocumented(module_name: str) -> Iterator[str]:
    module = importlib.import_module(module_name)
    for name, value in vars(module).items():
        if name.startswith("_") or getattr(value, "__module__", None) != module_name:
            continue
        if inspect.isfunction(value) and not inspect.getdoc(value):
            yield f"{module_name}.{name}"
        if inspect.isclass(value):
            if not value.__doc__:
                yield f"{module_name}.{name}"
            if Protocol in value.__mro__[1:]:
                continue
            declared = {n for iface in implementedBy(value).flattened() for n in iface.names()}
            for attr, member in vars(value).items():
                function = member.fget if isinstance(member, property) else member
                function = getattr(function, "__func__", function)
                if attr.startswith(("_", "render_")) or not inspect.isfunction(function):
                    continue
                if attr in declared:
                    continue  # an interface's method: the interface says what it is for
                if any(attr in vars(base) for base in value.__mro__[1:]):
                    continue  # an override: the base class says what it is for
                if not function.__doc__:
                    yield f"{module_name}.{name}.{attr}"


def test_public_functions_and_methods_have_docstrings() -> None:
    missing = [where for module in MODULES for where in undocumented(module)]
    assert not missing, "no docstring: " + ", ".join(missing)
