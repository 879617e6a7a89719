"""An Open SDG data repository's configuration, with each indicator's progress options.

The site's ``config_data.yml`` and each indicator's metadata (``indicator-config/*.yml``,
``meta/*.yml`` or ``meta/*.md``), the progress options of each indicator read into
records.

What Open SDG's documentation (open-sdg/open-sdg ``docs/indicator-configuration.md``,
``progress_calculation_options``) and sdg-build's progress code say each option means:

* ``series``, ``unit``: the value of the ``Series`` and ``Units`` columns to keep;
  ``disaggregation``: a list of ``{field, value}`` to keep; without it the headline rows
  (every disaggregation column empty) are kept.
* ``direction``: ``positive`` is higher-is-better; anything else (the default is
  ``negative``) lower-is-better.
* ``base_year`` (2015), ``target_year`` (2030), ``target`` (none; 0 is counted as 0.001),
  ``limit`` (none; only without a target), ``progress_thresholds`` (``high``, ``med``,
  ``low``).
* ``group``: a list of options (or groups) whose scores are averaged first; the group's
  mean counts once in the indicator's mean.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
from indikator import InputError

__all__ = [
    "DEFAULT_NON_DISAGGREGATION",
    "Group",
    "IndicatorConfig",
    "SeriesOptions",
    "SiteConfig",
    "read_indicator_configs",
    "read_site_config",
    "read_translations",
]

DEFAULT_NON_DISAGGREGATION: Final = ("Year", "Units", "Series", "Value", "GeoCode", "Progress")
"""Columns that are never disaggregations (sdg-build's default)."""
SERIES_COLUMN: Final = "Series"
UNITS_COLUMN: Final = "Units"
PROGRESS_COLUMN: Final = "Progress"

_DEFAULT_DATA: Final = ("data/*-*.csv",)
_DEFAULT_META: Final = ("indicator-config/*-*.yml", "meta/*-*.yml", "meta/*-*.md")
_SCALARS = (int, float)


@attrs.frozen
class SiteConfig:
    """What the reader needs of ``config_data.yml`` (defaults when there is none).

    Attributes:
        root: The folder holding ``data/`` and the metadata folders (``src_dir``).
        data_patterns: Glob patterns of the data CSV files (``InputCsvData``).
        meta_patterns: Glob patterns of the metadata files (``InputYamlMeta``,
            ``InputYamlMdMeta``), in the order they are merged (later keys win).
        non_disaggregation: Columns that are never disaggregations.
        observation_attributes: Columns of notes on observations (dropped).
        languages: The languages the site is built in (``languages``), first the one
            whose build the reader reproduces.
        translations: Folders of translation files (``TranslationInputYaml`` sources,
            ``translations`` when the file names none), relative to the repository.
        source: The configuration file, if any.
        repository: The folder the reader was pointed at; no file outside it is read,
            whatever the configuration's patterns and folders say.
    """

    root: Path
    data_patterns: tuple[str, ...] = _DEFAULT_DATA
    meta_patterns: tuple[str, ...] = _DEFAULT_META
    non_disaggregation: tuple[str, ...] = DEFAULT_NON_DISAGGREGATION
    observation_attributes: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    translations: tuple[str, ...] = ("translations",)
    source: str | None = None
    repository: Path | None = None

    @property
    def folder(self) -> Path:
        """The folder no file is read outside of."""
        return self.root if self.repository is None else self.repository


@attrs.frozen
class SeriesOptions:
    """One entry of ``progress_calculation_options``: which rows, and how to rate them.

    Attributes:
        series: The ``Series`` value to keep, if given.
        unit: The ``Units`` value to keep, if given.
        disaggregation: ``(field, value)`` pairs to keep; empty: the headline rows.
        direction: +1 (``positive``) or -1.
        base_year: The preferred base year.
        target_year: The target year.
        target: The target value (as given: a 0 stays 0 here), if any.
        limit: The natural limit, if any.
        progress_thresholds: ``(key, value)`` overrides of ``high``, ``med``, ``low``.
        source: The metadata file it was read from.
        field: Where in the file (``progress_calculation_options[0].group[1]``).
    """

    series: str | None = None
    unit: str | None = None
    disaggregation: tuple[tuple[str, str], ...] = ()
    direction: int = -1
    base_year: int = 2015
    target_year: int = 2030
    target: float | None = None
    limit: float | None = None
    progress_thresholds: tuple[tuple[str, float], ...] = ()
    source: str | None = attrs.field(default=None, eq=False)
    field: str = attrs.field(default="progress_calculation_options", eq=False)

    @property
    def selection(self) -> tuple[object, ...]:
        """What picks the rows (two options with the same selection rate the same data)."""
        return (self.series, self.unit, self.disaggregation)

    def tag(self, indicator: str) -> str:
        """sdg-build's name of the series (untruncated): id / series / unit / values."""
        parts = [indicator, self.series, self.unit, *(v for _f, v in self.disaggregation)]
        return " / ".join(p for p in parts if p is not None)


@attrs.frozen
class Group:
    """A ``group`` entry: members averaged first (options or further groups)."""

    members: tuple[SeriesOptions | Group, ...]
    field: str = attrs.field(default="progress_calculation_options", eq=False)

    def options(self) -> Iterator[SeriesOptions]:
        """Every option in the group, depth first."""
        for member in self.members:
            if isinstance(member, Group):
                yield from member.options()
            else:
                yield member


@attrs.frozen
class IndicatorConfig:
    """One indicator's merged metadata, as far as the progress measure reads it.

    Attributes:
        id: The indicator id (``1-2-1``).
        meta: Every metadata key, merged over the files in ``sources``.
        auto: ``auto_progress_calculation`` is true.
        layout: The progress options and groups, in order (the default single option
            when the indicator has none).
        sources: The metadata files, in merge order.
    """

    id: str
    meta: Mapping[str, Any]
    auto: bool
    layout: tuple[SeriesOptions | Group, ...]
    sources: tuple[str, ...]

    def options(self) -> Iterator[SeriesOptions]:
        """Every option, depth first."""
        for item in self.layout:
            if isinstance(item, Group):
                yield from item.options()
            else:
                yield item


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML, turning every syntax error into a located :class:`InputError`.

    A safe loader (no Python objects), and no aliases: configuration files have no use
    for them, and nested aliases make a small file stand for an exponentially large one.
    """
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    if "*" in text:  # perhaps an alias: the pure-Python loader, which can refuse them
        loader = _NoAliasLoader()
    try:
        return yaml.load(text, Loader=loader)
    except _AliasRefusedError as exc:
        raise InputError("YAML aliases (*name) are not read", source=source,
                         line=exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"malformed YAML: {problem}", source=source,
                         line=None if mark is None else mark.line + 1) from None


class _AliasRefusedError(Exception):
    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


def _NoAliasLoader() -> Any:  # noqa: N802 - stands for a loader class
    """A safe YAML loader class that raises :class:`_AliasRefusedError` at an alias."""
    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _AliasRefusedError(None if mark is None else mark.line + 1)
            return super().compose_node(parent, index)

    return Loader


def read_text(folder: Path, path: Path) -> str:
    """A text file of the repository (UTF-8, a byte-order mark allowed).

    Bounded in size and refused outside ``folder`` (see
    :func:`indikator.io.read_dataset_file`).
    """
    from indikator.io import read_dataset_file

    data = read_dataset_file(folder, path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=str(path)) from None


def _strings(value: object, source: str, field: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence) or not all(
            isinstance(v, str) for v in value):
        raise InputError("expected a list of column names", source=source, field=field)
    return tuple(value)


def read_site_config(root: Path) -> SiteConfig:
    """``root/config_data.yml`` (if any) as a :class:`SiteConfig`."""
    path = root / "config_data.yml"
    if not path.is_file():
        return SiteConfig(root, repository=root)
    source = str(path)
    doc = load_yaml(read_text(root, path), source) or {}
    if not isinstance(doc, Mapping):
        raise InputError("the site configuration is a mapping of settings", source=source)
    src_dir = doc.get("src_dir") or ""
    if not isinstance(src_dir, str):
        raise InputError("src_dir is a folder name", source=source, field="src_dir")
    data: list[str] = []
    meta: list[str] = []
    inputs = doc.get("inputs")
    if inputs is not None:
        if not isinstance(inputs, Sequence) or isinstance(inputs, str):
            raise InputError("inputs is a list of input classes", source=source, field="inputs")
        for i, item in enumerate(inputs):
            if not isinstance(item, Mapping):
                raise InputError("an input is a mapping with a class", source=source,
                                 field=f"inputs[{i}]")
            kind, pattern = item.get("class"), item.get("path_pattern")
            if not isinstance(pattern, str):
                continue
            if kind == "InputCsvData":
                data.append(pattern)
            elif kind in ("InputYamlMeta", "InputYamlMdMeta"):
                meta.append(pattern)
    options = doc.get("indicator_options") or {}
    if not isinstance(options, Mapping):
        raise InputError("indicator_options is a mapping", source=source,
                         field="indicator_options")
    non_dis = options.get("non_disaggregation_columns", DEFAULT_NON_DISAGGREGATION)
    attributes = options.get("observation_attributes", ())
    languages = doc.get("languages") or ()
    folders: list[str] = []
    for item in doc.get("translations") or ():
        if isinstance(item, Mapping) and item.get("class") == "TranslationInputYaml" and \
                isinstance(item.get("source"), str):
            folders.append(item["source"])
    return SiteConfig(
        repository=root,
        root=root / src_dir,
        data_patterns=tuple(data) or _DEFAULT_DATA,
        meta_patterns=tuple(meta) or _DEFAULT_META,
        non_disaggregation=_strings(non_dis, source,
                                    "indicator_options.non_disaggregation_columns"),
        observation_attributes=_strings(attributes, source,
                                        "indicator_options.observation_attributes"),
        languages=_strings(languages, source, "languages"),
        translations=tuple(folders) if doc.get("translations") is not None else (
            "translations",),
        source=source,
    )


def read_translations(site: SiteConfig, language: str | None) -> dict[str, dict[str, str]]:
    """The site's translations into ``language``, by group (file name) and key.

    A translation folder holds one folder per language with YAML files of
    ``key: text``; the file's name is the group (``data.yml``: the group ``data``,
    which data values are looked up in).
    """
    if language is None:
        return {}
    groups: dict[str, dict[str, str]] = {}
    for folder in site.translations:
        for path in sorted((site.root / folder / language).glob("*.yml")):
            doc = load_yaml(read_text(site.folder, path), str(path)) or {}
            if not isinstance(doc, Mapping):
                raise InputError("a translation file is a mapping of keys to texts",
                                 source=str(path))
            group = groups.setdefault(path.stem, {})
            group.update({str(k): str(v) for k, v in doc.items()
                          if isinstance(v, (str, int, float)) and not isinstance(v, bool)})
    return groups


_ID_PART = re.compile(r"^(?:indicator_)?(?P<id>[0-9a-z]+(?:-[0-9a-z]+)+)$", re.IGNORECASE)


def indicator_id(path: Path) -> str | None:
    """The indicator id a data or metadata file is for (``indicator_1-2-1.csv`` → ``1-2-1``)."""
    found = _ID_PART.match(path.stem)
    return found["id"].lower() if found else None


def matching(root: Path, patterns: Sequence[str], folder: Path | None = None) -> list[Path]:
    """The files the glob patterns match under ``root``, each once, sorted per pattern.

    A pattern that reaches out of ``folder`` (``../``, an absolute path, a symbolic link
    out) is refused, naming the pattern.
    """
    from indikator.io._files import inside_folder

    limit = root if folder is None else folder
    out: dict[Path, None] = {}
    for pattern in patterns:
        for name in sorted(glob.glob(str(root / pattern))):
            if not inside_folder(limit, Path(name)):
                raise InputError("the file lies outside the repository folder (a pattern "
                                 "of the site's inputs matched it)", source=name, value=pattern)
            out.setdefault(Path(name), None)
    return list(out)


def _front_matter(text: str, source: str) -> Any:
    """The YAML front matter of a Markdown metadata file (``---`` ... ``---``)."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            return load_yaml("\n".join(lines[1:end]), source)
    raise InputError("the front matter opened with --- is never closed", source=source, line=1)


def read_indicator_configs(site: SiteConfig) -> dict[str, IndicatorConfig]:
    """Every indicator's merged metadata with its progress options, by indicator id."""
    merged: dict[str, dict[str, Any]] = {}
    sources: dict[str, list[str]] = {}
    texts: dict[str, str] = {}
    for path in matching(site.root, site.meta_patterns, site.folder):
        ident = indicator_id(path)
        if ident is None:
            continue
        text = read_text(site.folder, path)
        texts[str(path)] = text
        doc = _front_matter(text, str(path)) if path.suffix == ".md" else load_yaml(
            text, str(path))
        if doc is None:
            doc = {}
        if not isinstance(doc, Mapping):
            raise InputError("indicator metadata is a mapping of keys", source=str(path))
        merged.setdefault(ident, {}).update({str(k): v for k, v in doc.items()})
        sources.setdefault(ident, []).append(str(path))
    out: dict[str, IndicatorConfig] = {}
    for ident, meta in merged.items():
        where = _options_source(sources[ident], texts)
        raw = meta.get("progress_calculation_options")
        layout = _layout(raw, where) if raw else (SeriesOptions(source=where),)
        out[ident] = IndicatorConfig(ident, meta, meta.get("auto_progress_calculation") is True,
                                     layout, tuple(sources[ident]))
    return out


def _options_source(files: Sequence[str], texts: Mapping[str, str]) -> str:
    """The file that set ``progress_calculation_options`` (the last one that has it)."""
    for name in reversed(files):
        if "progress_calculation_options" in texts.get(name, ""):
            return name
    return files[0]


def _layout(raw: object, source: str,
            field: str = "progress_calculation_options") -> tuple[SeriesOptions | Group, ...]:
    if isinstance(raw, (str, bytes, Mapping)) or not isinstance(raw, Sequence):
        raise InputError("expected a list of series options", source=source, field=field,
                         value=raw)
    out: list[SeriesOptions | Group] = []
    for i, item in enumerate(raw):
        where = f"{field}[{i}]"
        if isinstance(item, Mapping) and "group" in item:
            members = _layout(item["group"], source, f"{where}.group")
            if not members:
                raise InputError("a group needs at least one member", source=source,
                                 field=f"{where}.group")
            out.append(Group(members, where))
        else:
            out.append(parse_options(item, source, where))
    return tuple(out)


def _year(value: object, source: str, field: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise InputError("a year is a whole number", source=source, field=field, value=value)
    year = int(value)
    if not 1900 <= year <= 2200:
        raise InputError("a year lies in 1900-2200", source=source, field=field, value=value)
    return year


def _number(value: object, source: str, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, _SCALARS):
        raise InputError("expected a number", source=source, field=field, value=value)
    return float(value)


def _text(value: object, source: str, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError("expected a text", source=source, field=field, value=value)
    return str(value)


def parse_options(item: object, source: str, field: str) -> SeriesOptions:
    """One entry of ``progress_calculation_options`` as a :class:`SeriesOptions`.

    Keys it does not know are left alone (a site may keep notes of its own there).
    """
    if not isinstance(item, Mapping):
        raise InputError("a series option is a mapping (series, direction, target, ...)",
                         source=source, field=field, value=item)
    disagg: list[tuple[str, str]] = []
    raw = item.get("disaggregation") or []
    if isinstance(raw, (str, Mapping)) or not isinstance(raw, Sequence):
        raise InputError("disaggregation is a list of {field, value}", source=source,
                         field=f"{field}.disaggregation", value=raw)
    for j, d in enumerate(raw):
        where = f"{field}.disaggregation[{j}]"
        if not isinstance(d, Mapping) or "field" not in d or "value" not in d:
            raise InputError("a disaggregation has a field and a value", source=source,
                             field=where, value=d)
        name, value = _text(d["field"], source, f"{where}.field"), _text(
            d["value"], source, f"{where}.value")
        assert name is not None
        assert value is not None
        disagg.append((name, value))
    thresholds = item.get("progress_thresholds") or {}
    if not isinstance(thresholds, Mapping):
        raise InputError("progress_thresholds is a mapping of high, med and low", source=source,
                         field=f"{field}.progress_thresholds", value=thresholds)
    given: dict[str, float] = {}
    for key, value in thresholds.items():
        where = f"{field}.progress_thresholds.{key}"
        if key not in ("high", "med", "low"):
            raise InputError("a threshold is high, med or low", source=source, field=where)
        number = _number(value, source, where)
        if number is None:
            raise InputError("expected a number", source=source, field=where)
        given[str(key)] = number
    return SeriesOptions(
        series=_text(item.get("series"), source, f"{field}.series"),
        unit=_text(item.get("unit"), source, f"{field}.unit"),
        disaggregation=tuple(disagg),
        direction=1 if item.get("direction") == "positive" else -1,
        base_year=_year(item.get("base_year"), source, f"{field}.base_year", 2015),
        target_year=_year(item.get("target_year"), source, f"{field}.target_year", 2030),
        target=_number(item.get("target"), source, f"{field}.target"),
        limit=_number(item.get("limit"), source, f"{field}.limit"),
        progress_thresholds=tuple(sorted(given.items())),
        source=source,
        field=field,
    )
