"""A dataset folder: the manifest ``indikator.toml`` and the files it names.

:func:`read_dataset` reads everything it can and collects every problem;
:func:`load_dataset` raises when there is any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from indikator.errors import InputError
from indikator.io._files import MAX_MANIFEST_BYTES, check_path_text, inside_folder, read_file
from indikator.io._problems import Location, Problems, in_file_order
from indikator.io._text import ENCODINGS, TomlLines, load_toml
from indikator.io._values import parse_period, shown_value
from indikator.io.judgments import read_judgments
from indikator.io.outcomes import KINDS, LAYOUTS, Layout, read_outcomes
from indikator.model import Dataset, Judgment, Label, Observation
from indikator.units import parse_unit, unit_labels

__all__ = ["MANIFEST", "Loaded", "Locations", "check_dataset", "load_dataset", "read_dataset"]

MANIFEST = "indikator.toml"
"""The manifest's file name in a dataset folder."""

_DATASET_KEYS = ("programme", "period", "title", "title_en", "programme_file")
_OUTCOME_KEYS = ("path", "layout", "delimiter", "decimal", "sheet", "format", "encoding",
                 "units", "metrics", "gender", "status")
_JUDGMENT_KEYS = ("path", "delimiter", "sheet", "encoding")


@attrs.frozen
class Locations:
    """Where each record of a :class:`~indikator.model.Dataset` was read from.

    Attributes:
        observations: ``(metric id, index in dataset.observations[metric id])`` to location.
        judgments: Index in ``dataset.judgments`` to location.
        manifest: The manifest's location (for dataset-wide problems).
        files: Every file the manifest names (as read, in manifest order), so that an
            output can be refused when it would overwrite one of them.
    """

    observations: Mapping[tuple[str, int], Location] = attrs.field(factory=dict)
    judgments: Mapping[int, Location] = attrs.field(factory=dict)
    manifest: Location | None = None
    files: tuple[str, ...] = ()


@attrs.frozen
class Loaded:
    """What :func:`read_dataset` found.

    Attributes:
        dataset: The dataset built from every good record (``None`` when the manifest is
            unusable).
        problems: Every problem found while reading, in file order.
        locations: Where each record came from.
        programme_file: The programme file (or folder) the manifest names
            (``programme_file = "programme.toml"``, inside the dataset folder), if any.
        warnings: What was read but may not be what was meant (a file with only a
            header, a hidden first sheet), in file order; not problems.
    """

    dataset: Dataset | None
    problems: tuple[InputError, ...]
    locations: Locations
    warnings: tuple[InputError, ...] = ()
    programme_file: Path | None = None


def _manifest_path(path: Path) -> Path:
    return path / MANIFEST if path.is_dir() else path


def read_dataset(path: Path | str) -> Loaded:
    """Read a dataset folder (or its manifest) and collect every problem on the way.

    Checks made here need no programme: file formats, values, units, years, flags,
    judgments' verdicts and reasons. See :func:`check_dataset` and
    :func:`indikator.io.validate` for the rest.
    """
    problem = check_path_text(str(path))
    if problem is not None:
        shown = str(path).replace("\x00", "\\x00")
        return Loaded(None, (InputError(problem, source=shown),),
                      Locations(manifest=Location(shown)))
    manifest = _manifest_path(Path(path))
    source = str(manifest)
    problems = Problems()
    empty = Locations(manifest=Location(source))
    if not manifest.exists():
        what = "no such dataset folder or manifest" if not Path(path).exists() else (
            f"the dataset folder has no {MANIFEST} manifest")
        problems.add(InputError(what, source=source))
        return Loaded(None, problems.errors, empty)
    try:  # bounded before TOML parsing: a few kB of dotted keys can take gigabytes
        data = read_file(manifest, source, limit=MAX_MANIFEST_BYTES, what="manifest")
    except InputError as exc:
        problems.add(exc)
        return Loaded(None, problems.errors, empty)
    try:
        doc = load_toml(data, source)
    except InputError as exc:
        problems.add(exc)
        return Loaded(None, problems.errors, empty)
    lines = TomlLines(data.decode("utf-8-sig"))
    folder = manifest.parent
    head = _dataset_table(doc, source, lines, problems)
    for key in doc:
        if key not in {"dataset", "outcomes", "judgments", "unit_labels"}:
            problems.add(InputError("unknown key; the manifest has [dataset], [[outcomes]], "
                                    "[[judgments]] and [unit_labels]", source=source,
                                    line=lines.top_key(key) or lines.section(key), field=key))
    labels = _unit_labels(doc, source, lines, problems)

    files: list[str] = []
    observations: dict[str, list[Observation]] = {}
    obs_locations: dict[tuple[str, int], Location] = {}
    for entry, loc in _entries(doc, "outcomes", source, lines, _OUTCOME_KEYS, problems,
                               required=True):
        options = _outcome_options(entry, loc, problems)
        if options is None:
            continue
        file = _data_path(folder, entry, loc, problems)
        if file is None:
            continue
        files.append(str(file))
        with unit_labels(labels):
            found = read_outcomes(file, problems=problems, **options)
        for read in found:
            items = observations.setdefault(read.metric, [])
            obs_locations[(read.metric, len(items))] = read.location
            items.append(_labelled(read.observation, labels))

    judgments: list[Judgment] = []
    j_locations: dict[int, Location] = {}
    for entry, j_loc in _entries(doc, "judgments", source, lines, _JUDGMENT_KEYS, problems,
                                 required=False):
        j_file = _data_path(folder, entry, j_loc, problems)
        if j_file is None:
            continue
        files.append(str(j_file))
        for judged in read_judgments(j_file, problems=problems,
                                     **_judgment_options(entry, j_loc, problems)):
            j_locations[len(judgments)] = judged.location
            judgments.append(judged.judgment)

    head_lines = {k: n for k in _DATASET_KEYS if (n := lines.section_key("dataset", k))}
    locations = Locations(obs_locations, j_locations,
                          Location(source, lines.section("dataset"), {}, head_lines),
                          tuple(files))
    programme_file = _programme_file(doc, folder, locations, problems)
    if head is None:
        return Loaded(None, problems.errors, locations, problems.warnings, programme_file)
    programme, period, title = head
    dataset = Dataset(programme=programme, period=period, observations=observations,
                      judgments=judgments, title=title, source=source)
    return Loaded(dataset, problems.errors, locations, problems.warnings, programme_file)


def _programme_file(doc: dict[str, Any], folder: Path, locations: Locations,
                    problems: Problems) -> Path | None:
    """The manifest's ``programme_file``: a path inside the dataset folder."""
    table = doc.get("dataset")
    value = table.get("programme_file") if isinstance(table, dict) else None
    if value is None:
        return None
    loc = locations.manifest or Location(str(folder / MANIFEST))
    if not isinstance(value, str) or not value.strip():
        problems.add(loc.error("the programme file is a path (a text)", field="programme_file",
                               value=shown_value(value)))
        return None
    path = (folder / value).resolve()
    if not path.is_relative_to(folder.resolve()):
        problems.add(loc.error("the programme file must lie inside the dataset folder",
                               field="programme_file", value=value))
        return None
    if not path.exists():
        problems.add(loc.error("no such programme file or folder", field="programme_file",
                               value=value))
        return None
    return folder / value


def load_dataset(path: Path | str) -> Dataset:
    """Read a dataset folder (a folder holding ``indikator.toml``, or the manifest itself).

    Raises:
        InputError: Anything wrong in the manifest or the files it names (the first
            problem, saying how many more there are), including an outcome given twice
            for one metric and period.
    """
    loaded = read_dataset(path)
    found = list(loaded.problems)
    if loaded.dataset is not None:
        found.extend(check_dataset(loaded.dataset, locations=loaded.locations))
    problems = Problems()
    problems.extend(in_file_order(found))
    problems.raise_if_any()
    assert loaded.dataset is not None  # no problems means the manifest was usable
    return loaded.dataset


def check_dataset(dataset: Dataset, *, locations: Locations | None = None) -> list[InputError]:
    """The problems a dataset has without a programme: duplicate outcomes and judgments."""
    where = locations or Locations()
    fallback = Location(dataset.source or "<dataset>")
    out: list[InputError] = []
    for metric, items in dataset.observations.items():
        seen: dict[tuple[str | None, str | None, int], int] = {}
        for index, obs in enumerate(items):
            key = (obs.entity, obs.component, obs.period)
            loc = where.observations.get((metric, index), fallback)
            if key in seen:
                first = where.observations.get((metric, seen[key]))
                at = f" (the first is at {_at(first)})" if first is not None else ""
                part = f", component {obs.component!r}" if obs.component else ""
                if obs.entity is not None:
                    part += f", entity {obs.entity!r}"
                out.append(loc.error(
                    f"a second outcome for metric {metric!r}{part}, period {obs.period}{at}",
                    field="period", value=obs.period))
            else:
                seen[key] = index
    judged: dict[tuple[str | None, str, int], int] = {}
    for index, j in enumerate(dataset.judgments):
        key = (j.entity, j.target, j.period)
        loc = where.judgments.get(index, Location(j.source or dataset.source or "<dataset>"))
        if key in judged:
            first_at = dataset.judgments[judged[key]].source
            at = f" (the first is at {first_at})" if first_at else ""
            out.append(loc.error(f"a second judgment for {j.target!r}, period {j.period}{at}",
                                 field="period", value=j.period))
        else:
            judged[key] = index
    return out


def _unit_labels(doc: dict[str, Any], source: str, lines: TomlLines,
                 problems: Problems) -> dict[str, str]:
    """The manifest's ``[unit_labels]``: free-text labels of its files, each with its unit."""
    table = doc.get("unit_labels")
    if table is None:
        return {}
    if not isinstance(table, dict):
        problems.add(InputError("unit_labels must be a table of label = unit", source=source,
                                line=lines.top_key("unit_labels"), field="unit_labels"))
        return {}
    out: dict[str, str] = {}
    for label, unit in table.items():
        line = lines.section_key("unit_labels", label) or lines.section("unit_labels")
        try:
            if not isinstance(unit, str):
                raise InputError("the unit of a label must be a text", value=shown_value(unit))
            parse_unit(unit)
        except InputError as exc:
            problems.add(InputError(f"label {label!r}: {exc.message}", source=source, line=line,
                                    field="unit_labels", value=exc.value if exc.has_value else
                                    shown_value(unit)))
            continue
        out[" ".join(label.split())] = unit
    return out


def _labelled(obs: Observation, labels: Mapping[str, str]) -> Observation:
    unit = None if obs.unit is None else labels.get(" ".join(obs.unit.split()))
    return obs if unit is None else attrs.evolve(obs, unit=unit)


def _data_path(folder: Path, entry: dict[str, Any], loc: Location,
               problems: Problems) -> Path | None:
    """The file a manifest entry names, or ``None`` (reported) when it may not be read.

    A dataset's files lie inside its folder: an absolute path, ``..`` or a symbolic link
    that leads out is refused naming the manifest line; the file is never opened, so the
    message cannot repeat its content.
    """
    text = str(entry["path"])
    problem = check_path_text(text)
    if problem is not None:
        problems.add(loc.error(problem, field="path", value=shown_value(text)))
        return None
    file = folder / text
    if not inside_folder(folder, file):
        problems.add(loc.error(
            "the file lies outside the dataset folder; a dataset's files must lie inside "
            "the folder that holds its manifest (symbolic links are followed)",
            field="path", value=shown_value(text)))
        return None
    return file


def _at(loc: Location) -> str:
    return f"{loc.source}:{loc.line}" if loc.line is not None else loc.source


def _dataset_table(doc: dict[str, Any], source: str, lines: TomlLines,
                   problems: Problems) -> tuple[str, int, Label | None] | None:
    table = doc.get("dataset")
    if not isinstance(table, dict):
        problems.add(InputError("the manifest needs a [dataset] table with programme and period",
                                source=source, line=lines.section("dataset"), field="dataset"))
        return None
    loc = Location(source, lines.section("dataset"), {},
                   {k: n for k in table if (n := lines.section_key("dataset", k)) is not None})
    for key in table:
        if key not in _DATASET_KEYS:
            problems.add(loc.error(f"unknown key; expected one of {', '.join(_DATASET_KEYS)}",
                                   field=key))
    ok = True
    programme = table.get("programme")
    if not isinstance(programme, str) or not programme.strip():
        problems.add(loc.error("the programme id is required (a text)", field="programme",
                               value=programme) if programme is not None else
                     loc.error("the programme id is required", field="programme"))
        ok = False
    period: int | None = None
    try:
        period = parse_period(table.get("period"))
    except InputError as exc:
        problems.add(loc.error(exc.message, field="period", value=exc.value)
                     if exc.has_value else loc.error(exc.message, field="period"))
        ok = False
    title: Label | None = None
    sv, en = table.get("title"), table.get("title_en")
    for key, text in (("title", sv), ("title_en", en)):
        if text is not None and not isinstance(text, str):
            problems.add(loc.error("a title must be a text", field=key, value=shown_value(text)))
            ok = False
    if isinstance(sv, str):
        title = Label(sv, en if isinstance(en, str) else sv)
    elif isinstance(en, str):
        title = Label(en, en)
    if not ok or period is None or not isinstance(programme, str):
        return None
    return programme.strip(), period, title


def _entries(doc: dict[str, Any], name: str, source: str, lines: TomlLines,
             keys: tuple[str, ...], problems: Problems,
             *, required: bool) -> Iterable[tuple[dict[str, Any], Location]]:
    entries = doc.get(name)
    if entries is None:
        if required:
            problems.add(InputError(f"the manifest names no {name} files ([[{name}]] with path "
                                    "= ...)", source=source, field=name))
        return
    if isinstance(entries, dict):
        entries = [entries]
    if not isinstance(entries, list):
        problems.add(InputError(f"{name!r} must be an array of tables ([[{name}]])",
                                source=source, line=lines.top_key(name), field=name))
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.add(InputError(f"each [[{name}]] entry must be a table", source=source,
                                    line=lines.table(name, index), field=name))
            continue
        loc = lines.location(source, name, index, entry)
        for key in entry:
            if key not in keys:  # reported; the file is still read without it
                problems.add(loc.error(f"unknown key in [[{name}]]; expected one of "
                                       f"{', '.join(keys)}", field=key))
        path = entry.get("path")
        if not isinstance(path, str) or not path.strip():
            problems.add(loc.error(f"each [[{name}]] entry needs a path (a text)", field="path"))
            continue
        yield {k: v for k, v in entry.items() if k in keys}, loc


def _outcome_options(entry: dict[str, Any], loc: Location,
                     problems: Problems) -> dict[str, Any] | None:
    """The reader's options; a bad one is reported and left at its default.

    So the file is still checked; ``None`` only for a bad layout, which no default can
    stand for.
    """
    layout = entry.get("layout", "long")
    delimiter = entry.get("delimiter")
    decimal = entry.get("decimal")
    sheet = entry.get("sheet")
    fmt = entry.get("format")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1
                                  or delimiter in "\"\r\n"):
        problems.add(loc.error("delimiter must be one character such as \";\" or \",\"",
                               field="delimiter", value=delimiter))
        delimiter = None
    if decimal is not None and decimal not in (",", "."):
        problems.add(loc.error("decimal must be \",\" or \".\"", field="decimal", value=decimal))
        decimal = None
    if sheet is not None and not isinstance(sheet, str):
        problems.add(loc.error("sheet must be a sheet name (a text)", field="sheet",
                               value=shown_value(sheet)))
        sheet = None
    if fmt is not None and fmt not in KINDS:
        problems.add(loc.error("format must be csv, xlsx, toml or kolada", field="format",
                               value=fmt))
        fmt = None
    encoding = _encoding(entry, loc, problems)
    kolada = _kolada_options(entry, loc, problems)
    if layout not in LAYOUTS:
        problems.add(loc.error("layout must be \"long\" or \"wide\"", field="layout",
                               value=layout))
        return None
    chosen: Layout = "wide" if layout == "wide" else "long"
    return {"layout": chosen, "delimiter": delimiter, "decimal": decimal, "sheet": sheet,
            "fmt": fmt, "encoding": encoding, "kolada": kolada}


def _encoding(entry: dict[str, Any], loc: Location, problems: Problems) -> str | None:
    encoding = entry.get("encoding")
    if encoding is None:
        return None
    if not isinstance(encoding, str) or (
            encoding.strip().lower().replace("_", "-") not in ENCODINGS):
        problems.add(loc.error(f"encoding must be one of {', '.join(ENCODINGS)}",
                               field="encoding", value=shown_value(encoding)))
        return None
    return encoding


def _kolada_options(entry: dict[str, Any], loc: Location,
                    problems: Problems) -> dict[str, Any]:
    """``units``, ``metrics``, ``gender`` and ``status`` of a Kolada file's entry."""
    out: dict[str, Any] = {}
    units = entry.get("units")
    if units is not None:
        if isinstance(units, str) or (isinstance(units, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in units.items())):
            out["units"] = units
        else:
            problems.add(loc.error("units must be a unit (a text) or a table of KPI = unit",
                                   field="units", value=shown_value(units)))
    metrics = entry.get("metrics")
    if metrics is not None:
        if isinstance(metrics, dict) and all(isinstance(v, str) for v in metrics.values()):
            out["metrics"] = metrics
        else:
            problems.add(loc.error("metrics must be a table of KPI = metric id",
                                   field="metrics", value=shown_value(metrics)))
    gender = entry.get("gender")
    if gender is not None:
        from indikator.io.kolada import GENDERS  # read only for a Kolada file

        if gender in GENDERS:
            out["gender"] = gender
        else:
            problems.add(loc.error(f"gender must be one of {', '.join(GENDERS)}",
                                   field="gender", value=shown_value(gender)))
    status = entry.get("status")
    if status is not None:
        if status in ("keep", "no_value"):
            out["status"] = status
        else:
            problems.add(loc.error("status must be \"keep\" or \"no_value\"", field="status",
                                   value=shown_value(status)))
    return out


def _judgment_options(entry: dict[str, Any], loc: Location,
                      problems: Problems) -> dict[str, Any]:
    """``delimiter``, ``sheet`` and ``encoding`` of a judgment file's entry."""
    out: dict[str, Any] = {"encoding": _encoding(entry, loc, problems)}
    delimiter = entry.get("delimiter")
    if delimiter is not None:
        if isinstance(delimiter, str) and len(delimiter) == 1 and delimiter not in "\"\r\n":
            out["delimiter"] = delimiter
        else:
            problems.add(loc.error("delimiter must be one character such as \";\" or \",\"",
                                   field="delimiter", value=shown_value(delimiter)))
    sheet = entry.get("sheet")
    if sheet is not None:
        if isinstance(sheet, str):
            out["sheet"] = sheet
        else:
            problems.add(loc.error("sheet must be a sheet name (a text)", field="sheet",
                                   value=shown_value(sheet)))
    return out
