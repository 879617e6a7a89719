"""Datasets and assessment trees as JSON, and back, without loss.

The assessment JSON is the report contract of :func:`indikator.report.to_dict` (what
``indikator assess --format json`` prints) with what it takes to restore the tree exactly:
every node's ``rule_explanation``, the judgment's ``target`` and ``period``, and an
explanation's non-finite figures (JSON has no NaN or infinity) under
``explanation.nonfinite``. Explanations carry their templates and figures, so the
sentences are rebuilt in both languages.

The dataset JSON holds every observation (value, unit, text, flags, note, component),
every judgment (with author, date and source), the title and the source::

    {"format": "indikator.dataset/1", "programme": "...", "period": 2024,
     "title": {"sv": "...", "en": "..."} | null, "source": "..." | null,
     "observations": {"metric-id": [OBSERVATION, ...]}, "judgments": [JUDGMENT, ...]}

Floats are written with Python's shortest round-tripping representation, so every value
reads back to the same float.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

from indikator.errors import InputError
from indikator.model import Dataset, Flag, Judgment, Label, Observation
from indikator.serial import node_dict, observation_dict
from indikator.verdict import Assessment, Basis, Explanation, Lang, Level, Verdict

__all__ = [
    "ASSESSMENT_FORMAT",
    "DATASET_FORMAT",
    "assessment_from_dict",
    "assessment_from_json",
    "assessment_to_dict",
    "assessment_to_json",
    "dataset_from_dict",
    "dataset_from_json",
    "dataset_to_dict",
    "dataset_to_json",
    "dumps",
]

DATASET_FORMAT: Final = "indikator.dataset/1"
"""The ``format`` key of dataset JSON."""
ASSESSMENT_FORMAT: Final = "indikator.assessment/1"
"""The ``format`` key added to the assessment report JSON."""

_SOURCE = "<json>"
_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


# -- writing -------------------------------------------------------------------------------


def dataset_to_dict(dataset: Dataset) -> dict[str, Any]:
    """A dataset as a JSON-ready mapping (see the module docstring)."""
    return {
        "format": DATASET_FORMAT,
        "programme": dataset.programme,
        "period": dataset.period,
        "title": None if dataset.title is None else _label(dataset.title),
        "source": dataset.source,
        "observations": {
            metric: [observation_dict(o) for o in items]
            for metric, items in dataset.observations.items()
        },
        "judgments": [_judgment_to_dict(j) for j in dataset.judgments],
    }


def dataset_to_json(dataset: Dataset, *, indent: int | None = 2) -> str:
    """A dataset as JSON text."""
    return json.dumps(dataset_to_dict(dataset), ensure_ascii=False, indent=indent,
                      allow_nan=False)


def assessment_to_dict(tree: Assessment, period: int | None = None, *,
                       lang: Lang = "sv") -> dict[str, Any]:
    """The report mapping of :func:`indikator.report.to_dict`, extended to restore exactly.

    Raises:
        ValueError: ``period`` is not the period the tree was assessed for.
    """
    from indikator import __version__
    from indikator.report import report_period

    return {
        "indikator_version": __version__,
        "period": report_period(tree, period),
        "lang": lang,
        "programme": node_dict(tree, lang, exact=True),
        "format": ASSESSMENT_FORMAT,
    }


def assessment_to_json(tree: Assessment, period: int | None = None, *, lang: Lang = "sv",
                       indent: int | None = None) -> str:
    """The assessment tree as JSON text (a superset of ``assess --format json``).

    Compact by default (one line, through the C encoder); ``indent`` spaces per level
    on request.
    """
    return dumps(assessment_to_dict(tree, period, lang=lang), indent=indent)


def dumps(data: object, *, indent: int | None = None) -> str:
    """JSON text as indikator writes it: UTF-8 characters as they are, no NaN.

    Compact (``{"a":1,"b":[2,3]}``) through the C encoder when ``indent`` is ``None``;
    ``indent`` spaces per level otherwise (Python's pure-Python encoder, several times
    slower on a large report).
    """
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


def _label(label: Label) -> dict[str, str]:
    return {"sv": label.sv, "en": label.en}


def _judgment_to_dict(j: Judgment) -> dict[str, Any]:
    return {
        "target": j.target,
        "period": j.period,
        "verdict": j.verdict.value,
        "reason": j.reason,
        "author": j.author,
        "date": None if j.date is None else j.date.isoformat(),
        "source": j.source,
    }


# -- reading -------------------------------------------------------------------------------


def dataset_from_json(text: str | bytes, *, source: str | None = None) -> Dataset:
    """A dataset from JSON text written by :func:`dataset_to_json`.

    Raises:
        InputError: Not JSON, or not a dataset (naming the JSON path of the bad field).
    """
    return dataset_from_dict(_loads(text, source), source=source)


def dataset_from_dict(data: object, *, source: str | None = None) -> Dataset:
    """A dataset from the mapping :func:`dataset_to_dict` gives.

    Raises:
        InputError: A field is missing or bad (naming its JSON path).
    """
    r = _Reader(source or _SOURCE)
    doc = r.mapping(data, "")
    observations: dict[str, tuple[Observation, ...]] = {}
    for metric, items in r.mapping(doc.get("observations", {}), "observations").items():
        path = f"observations.{metric}"
        observations[metric] = tuple(
            _observation(r, o, f"{path}[{i}]") for i, o in enumerate(r.seq(items, path))
        )
    judgments = tuple(_judgment(r, j, f"judgments[{i}]")
                      for i, j in enumerate(r.seq(doc.get("judgments", []), "judgments")))
    title = doc.get("title")
    return r.build(
        "",
        lambda: Dataset(
            programme=r.text(doc.get("programme"), "programme"),
            period=r.integer(doc.get("period"), "period"),
            observations=observations,
            judgments=judgments,
            title=None if title is None else _label_from(r, title, "title"),
            source=r.opt_text(doc.get("source"), "source"),
        ),
    )


def assessment_from_json(text: str | bytes, *, source: str | None = None) -> Assessment:
    """An assessment tree from JSON written by :func:`assessment_to_json`.

    Raises:
        InputError: Not JSON, or not an assessment (naming the JSON path of the bad field).
    """
    return assessment_from_dict(_loads(text, source), source=source)


def assessment_from_dict(data: object, *, source: str | None = None) -> Assessment:
    """An assessment tree from the mapping :func:`assessment_to_dict` gives.

    Raises:
        InputError: A field is missing or bad (naming its JSON path).
    """
    r = _Reader(source or _SOURCE)
    doc = r.mapping(data, "")
    r.period = doc.get("period")  # a report's judgments are for its period
    return _node(r, doc.get("programme"), "programme")


def _node(r: _Reader, data: object, path: str) -> Assessment:
    d = r.mapping(data, path)
    children = tuple(_node(r, c, f"{path}.children[{i}]")
                     for i, c in enumerate(r.seq(d.get("children", []), f"{path}.children")))
    rule_verdict = d.get("rule_verdict")
    rule_expl = d.get("rule_explanation")
    judgment = d.get("judgment")
    node_id = r.text(d.get("id"), f"{path}.id")
    return r.build(path, lambda: Assessment(
        id=node_id,
        name=_label_from(r, d.get("names", d.get("name")), f"{path}.names"),
        level=r.enum(Level, d.get("level"), f"{path}.level"),
        verdict=r.enum(Verdict, d.get("verdict"), f"{path}.verdict"),
        basis=r.enum(Basis, d.get("basis"), f"{path}.basis"),
        explanation=_explanation(r, d.get("explanation"), f"{path}.explanation"),
        children=children,
        rule_verdict=None if rule_verdict is None else r.enum(Verdict, rule_verdict,
                                                             f"{path}.rule_verdict"),
        rule_explanation=None if rule_expl is None else _explanation(
            r, rule_expl, f"{path}.rule_explanation"),
        strategy=r.opt_text(d.get("strategy"), f"{path}.strategy"),
        observations=tuple(_observation(r, o, f"{path}.observations[{i}]") for i, o in
                           enumerate(r.seq(d.get("observations", []), f"{path}.observations"))),
        judgment=None if judgment is None else _judgment(
            r, judgment, f"{path}.judgment", target=node_id,
            period=r.period if d.get("period") is None else d.get("period")),
        period=None if d.get("period") is None else r.integer(d.get("period"), f"{path}.period"),
        entity=r.opt_text(d.get("entity"), f"{path}.entity"),
    ))


def _explanation(r: _Reader, data: object, path: str) -> Explanation:
    d = r.mapping(data, path)
    figures: dict[str, dict[str, Any]] = {}
    marks = r.mapping(d.get("nonfinite", {}), f"{path}.nonfinite")
    for part in ("inputs", "computed"):
        found = dict(r.mapping(d.get(part, {}), f"{path}.{part}"))
        for key, value in found.items():
            if not (value is None or isinstance(value, (bool, int, float, str))):
                raise r.error("a figure must be a number, a text, true/false or null",
                              f"{path}.{part}.{key}", value)
        for key, value in r.mapping(marks.get(part, {}), f"{path}.nonfinite.{part}").items():
            if value not in ("inf", "-inf", "nan"):
                raise r.error("expected inf, -inf or nan", f"{path}.nonfinite.{part}.{key}",
                              value)
            found[key] = float(value)
        figures[part] = found
    template = r.mapping(d.get("template", {}), f"{path}.template")
    return Explanation(
        r.text(d.get("reason"), f"{path}.reason"),
        figures["inputs"],
        figures["computed"],
        r.text(template.get("sv", ""), f"{path}.template.sv"),
        r.text(template.get("en", ""), f"{path}.template.en"),
    )


def _observation(r: _Reader, data: object, path: str) -> Observation:
    d = r.mapping(data, path)
    value = d.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise r.error("a value must be a number or null", f"{path}.value", value)
    own = d.get("own_target")
    if own is not None and (isinstance(own, bool) or not isinstance(own, (int, float))):
        raise r.error("an own target must be a number or null", f"{path}.own_target", own)
    flags = [r.text(f, f"{path}.flags[{i}]")
             for i, f in enumerate(r.seq(d.get("flags", []), f"{path}.flags"))]
    return r.build(path, lambda: Observation(
        period=r.integer(d.get("period"), f"{path}.period"),
        value=value,
        unit=r.opt_text(d.get("unit"), f"{path}.unit"),
        text=r.opt_text(d.get("text"), f"{path}.text"),
        flags=frozenset(Flag(f) if f in _FLAG_VALUES else Flag.parse(f) for f in flags),
        note=r.opt_text(d.get("note"), f"{path}.note"),
        component=r.opt_text(d.get("component"), f"{path}.component"),
        entity=r.opt_text(d.get("entity"), f"{path}.entity"),
        own_target=own,
    ))


_FLAG_VALUES = frozenset(f.value for f in Flag)


def _judgment(r: _Reader, data: object, path: str, *, target: str | None = None,
              period: object = None) -> Judgment:
    d = r.mapping(data, path)
    date = d.get("date")
    parsed: dt.date | None = None
    if date is not None:
        try:
            parsed = dt.date.fromisoformat(r.text(date, f"{path}.date"))
        except ValueError:
            raise r.error("a date must be written 2025-03-31", f"{path}.date", date) from None
    return r.build(path, lambda: Judgment(
        target=r.text(d.get("target", target), f"{path}.target"),
        period=r.integer(d.get("period", period), f"{path}.period"),
        verdict=r.text(d.get("verdict"), f"{path}.verdict"),
        reason=r.text(d.get("reason"), f"{path}.reason"),
        author=r.opt_text(d.get("author"), f"{path}.author"),
        date=parsed,
        source=r.opt_text(d.get("source"), f"{path}.source"),
    ))


def _label_from(r: _Reader, data: object, path: str) -> Label:
    if isinstance(data, str):
        return Label(data)
    d = r.mapping(data, path)
    sv = r.text(d.get("sv"), f"{path}.sv")
    return Label(sv, r.text(d.get("en", sv), f"{path}.en"))


def _loads(text: str | bytes, source: str | None) -> object:
    where = source or _SOURCE
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        return json.loads(text, parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        raise InputError("the JSON is not UTF-8 text", source=where) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", source=where,
                         line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not valid JSON: {exc}", source=where) from None


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


class _Reader:
    """Typed access to JSON values, raising :class:`InputError` with the JSON path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.period: object = None

    def error(self, message: str, path: str, value: object) -> InputError:
        shown = value if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        return InputError(message, source=self.source, field=path or "(top)", value=shown)

    def mapping(self, value: object, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.error("an object is required", path, value)
        return value

    def seq(self, value: object, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.error("an array is required", path, value)
        return value

    def text(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise self.error("a text is required", path, value)
        return value

    def opt_text(self, value: object, path: str) -> str | None:
        return None if value is None else self.text(value, path)

    def integer(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error("a whole number is required", path, value)
        return value

    def enum(self, cls: type[_E], value: object, path: str) -> _E:
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(str(m.value) for m in cls)
            raise self.error(f"expected one of {choices}", path, value) from None

    def build(self, path: str, make: Callable[[], _T]) -> _T:
        try:
            return make()
        except InputError as exc:
            if exc.source == self.source and exc.field and exc.field.startswith(path):
                raise  # raised by this reader: the path is whole already
            field = f"{path}.{exc.field}" if exc.field and path else (exc.field or path)
            if exc.has_value:
                raise InputError(exc.message, source=self.source, field=field,
                                 value=exc.value) from None
            raise InputError(exc.message, source=self.source, field=field) from None
        except ValueError as exc:  # Flag.parse and other converters
            raise self.error(str(exc), path, None) from None
