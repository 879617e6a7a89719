"""The verdict scale, directions, explanations and the assessment tree.

The scale is the one Swedish regional follow-ups use: *positive* (development in the
desired direction), *unchanged* (unchanged **or insufficient** development), *negative*
(development in an undesired direction), and *no value* when data is missing.
"""

from __future__ import annotations

import enum
import functools
import math
import string
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import attrs

from indikator.numbers import decimals_for, format_number, shared_decimals

if TYPE_CHECKING:
    from indikator.model import Judgment, Label, Observation

__all__ = [
    "Assessment",
    "Basis",
    "Deferred",
    "Direction",
    "Explanation",
    "Lang",
    "Lazy",
    "Level",
    "Rating",
    "Verdict",
]

Lang = Literal["sv", "en"]
"""A language code for user-facing labels: Swedish or English."""


class Verdict(enum.Enum):
    """The four-step verdict scale (its values are a contract of the JSON report)."""

    POSITIVE = "positive"
    UNCHANGED = "unchanged"
    NEGATIVE = "negative"
    NO_VALUE = "no_value"

    def label(self, lang: Lang = "sv") -> str:
        """The user-facing label, ``"Positiv"`` or ``"Positive"`` and so on."""
        return _VERDICT_LABELS[self][0 if lang == "sv" else 1]

    @property
    def symbol(self) -> str:
        """A symbol that shows the verdict without relying on colour."""
        return _VERDICT_SYMBOLS[self]

    @property
    def score(self) -> int | None:
        """+1, 0 or -1 for rated verdicts; ``None`` for :attr:`NO_VALUE`."""
        return _VERDICT_SCORES[self]

    @property
    def is_rated(self) -> bool:
        """Whether the verdict is one of the three rated steps (not ``no_value``)."""
        return self is not Verdict.NO_VALUE

    def mirrored(self) -> Verdict:
        """Positive and negative swapped; unchanged and no value stay as they are."""
        if self is Verdict.POSITIVE:
            return Verdict.NEGATIVE
        if self is Verdict.NEGATIVE:
            return Verdict.POSITIVE
        return self

    @classmethod
    def parse(cls, text: str) -> Verdict:
        """Read a verdict from its value or from a Swedish or English label.

        Raises:
            ValueError: ``text`` names no verdict.
        """
        key = " ".join(text.strip().casefold().replace("_", " ").split())
        found = _VERDICT_LOOKUP.get(key)
        if found is None:
            choices = ", ".join(v.value for v in cls)
            raise ValueError(f"unknown verdict {text!r}; expected one of {choices}")
        return found


_VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {
    Verdict.POSITIVE: ("Positiv", "Positive"),
    Verdict.UNCHANGED: ("Oförändrad", "Unchanged"),
    Verdict.NEGATIVE: ("Negativ", "Negative"),
    Verdict.NO_VALUE: ("Inget värde", "No value"),
}
_VERDICT_SYMBOLS = {
    Verdict.POSITIVE: "▲",
    Verdict.UNCHANGED: "■",
    Verdict.NEGATIVE: "▼",
    Verdict.NO_VALUE: "–",
}
_VERDICT_SCORES = {
    Verdict.POSITIVE: 1,
    Verdict.UNCHANGED: 0,
    Verdict.NEGATIVE: -1,
    Verdict.NO_VALUE: None,
}
_VERDICT_LOOKUP: dict[str, Verdict] = {}
for _v in Verdict:
    _VERDICT_LOOKUP[_v.value.replace("_", " ")] = _v
    for _label in _VERDICT_LABELS[_v]:
        _VERDICT_LOOKUP[_label.casefold()] = _v


class Direction(enum.Enum):
    """Which way is better for a metric."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better."""
        return 1 if self is Direction.HIGHER_IS_BETTER else -1

    def flipped(self) -> Direction:
        """The opposite direction."""
        if self is Direction.HIGHER_IS_BETTER:
            return Direction.LOWER_IS_BETTER
        return Direction.HIGHER_IS_BETTER

    def label(self, lang: Lang = "sv") -> str:
        """A user-facing label."""
        if self is Direction.HIGHER_IS_BETTER:
            return "högre är bättre" if lang == "sv" else "higher is better"
        return "lägre är bättre" if lang == "sv" else "lower is better"

    @classmethod
    def parse(cls, text: str) -> Direction:
        """Read a direction from a value or a word.

        Accepts ``"higher_is_better"``, ``"higher"``, ``"up"``, ``"increase"``, ``"öka"``
        and the mirrored words.

        Raises:
            ValueError: ``text`` names no direction.
        """
        key = text.strip().casefold().replace("-", "_")
        if key in {"higher_is_better", "higher", "up", "increase", "öka"}:
            return cls.HIGHER_IS_BETTER
        if key in {"lower_is_better", "lower", "down", "decrease", "minska"}:
            return cls.LOWER_IS_BETTER
        raise ValueError(
            f"unknown direction {text!r}; expected higher_is_better or lower_is_better"
        )


class Basis(enum.Enum):
    """What a verdict rests on."""

    RULE = "rule"
    """An assessment strategy applied to the data."""
    JUDGMENT = "judgment"
    """A recorded judgment with its reason (the rule's own verdict is kept beside it)."""
    ROLLUP = "rollup"
    """A roll-up of the verdicts one level down."""


class Level(enum.Enum):
    """The levels of the assessment tree (values are a contract of the JSON report)."""

    PROGRAMME = "programme"
    GOAL_AREA = "goal_area"
    INDICATOR = "indicator"
    METRIC = "metric"


Figure = float | int | str | bool | None
"""A value shown in an explanation: a number, a year, a code or a short text."""


@attrs.frozen
class Explanation:
    """Why a verdict is what it is.

    The sentences are kept as templates and filled in only when asked for, so building an
    explanation costs no string formatting.

    Attributes:
        reason: A stable machine-readable reason code, e.g. ``"improved"``,
            ``"behind_path"``, ``"no_current_value"``.
        inputs: The numbers the rule used (outcomes, base, target, parameters).
        computed: The numbers the rule computed (change, required change, gap, ...).
        template_sv: A Swedish sentence with ``{name}`` fields from inputs and computed.
        template_en: The same sentence in English.
    """

    reason: str
    inputs: Mapping[str, Figure] = attrs.field(factory=dict)
    computed: Mapping[str, Figure] = attrs.field(factory=dict)
    template_sv: str = ""
    template_en: str = ""

    def sentence(self, lang: Lang = "sv") -> str:
        """The explanation as one sentence in the given language.

        Numbers are printed by :mod:`indikator.numbers`: every input with its own digits
        (up to six significant), every computed figure with the decimals the inputs
        need, at least two and three significant digits: ``0,139 mot 0,147`` shows the
        change ``-0,008``.
        """
        template = self.template_sv if lang == "sv" else self.template_en
        if not template:
            return self.reason
        used = _fields(template)
        inputs, computed = self.inputs, self.computed
        places = max(2, shared_decimals(inputs[k] for k in used if k in inputs))
        figures = {k: _fmt(inputs[k], lang) for k in used if k in inputs}
        figures.update({k: _fmt(computed[k], lang, places) for k in used if k in computed})
        try:
            return template.format_map(figures)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            return template

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping with the reason, the figures and both sentences."""
        return {
            "reason": self.reason,
            "inputs": dict(self.inputs),
            "computed": dict(self.computed),
            "text": {"sv": self.sentence("sv"), "en": self.sentence("en")},
            "template": {"sv": self.template_sv, "en": self.template_en},
        }


@functools.lru_cache(maxsize=4096)
def _fields(template: str) -> tuple[str, ...]:
    """The field names a sentence template uses (templates are few and shared)."""
    try:
        return tuple(dict.fromkeys(f for _t, f, _s, _c in string.Formatter().parse(template)
                                   if f))
    except ValueError:  # an unbalanced brace: format_map fails and the template is shown
        return ()


def _fmt(value: Figure, lang: Lang, places: int | None = None) -> str:
    """A figure in a sentence: a float by :func:`~indikator.numbers.format_number`.

    ``places`` (computed figures): at least that many decimals, and at least three
    significant digits (trailing zeros dropped); inputs keep their own digits.
    """
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, float):
        if places is not None and math.isfinite(value):
            places = max(places, decimals_for(value, 3))
        return format_number(value, lang, decimals=places)
    return str(value)


@attrs.frozen
class Rating:
    """What a strategy or a roll-up returns: a verdict and its explanation."""

    verdict: Verdict
    explanation: Explanation


_T = TypeVar("_T")


class Lazy(Generic[_T]):
    """A value computed on first use and kept (an explanation built only when read)."""

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], _T]) -> None:
        self._make: Callable[[], _T] | None = make
        self._value: _T | None = None

    def __call__(self) -> _T:
        """The value (computed now if it was not yet)."""
        make = self._make
        if make is not None:
            self._value = make()
            self._make = None
        return self._value  # type: ignore[return-value]

    def __repr__(self) -> str:
        return "Lazy(…)" if self._make is not None else f"Lazy({self._value!r})"


class Deferred(tuple):  # type: ignore[type-arg]
    """A value its owner builds on request: ``(owner, *key)``, read as ``owner.resolve(key)``.

    A tuple, so that an engine building thousands of nodes creates each in C; the owner
    keeps what it builds, so every read gives the same value.
    """

    __slots__ = ()

    def __call__(self) -> Any:
        """The value (built by the owner on first request)."""
        return self[0].resolve(self[1:])


def _force(value: Any) -> Any:
    return value() if isinstance(value, (Lazy, Deferred)) else value


@attrs.frozen(kw_only=True)
class Assessment:
    """One node of the assessment tree: a metric, indicator, goal area or the programme.

    Attributes:
        id: The node's id (metric id, indicator id, ...).
        name: Its bilingual name.
        level: Which level of the tree it is.
        verdict: The verdict that is published.
        basis: What the verdict rests on: rule, judgment or roll-up.
        explanation: Why. For a judgment, the judgment's reason; the rule's own
            explanation is kept in :attr:`rule_explanation`. Built when first read.
        children: The nodes one level down (empty for metrics).
        rule_verdict: What the rule or roll-up alone gave (differs from :attr:`verdict`
            only when a judgment overrode it).
        rule_explanation: The rule's own explanation (built when first read).
        strategy: The id of the strategy (metrics) or roll-up (other levels).
        observations: The outcomes the rule read (metrics only).
        judgment: The judgment applied, if any.
        period: The period the node was assessed for.
        entity: The entity assessed (``None``: the unnamed entity of a dataset that
            names none).

    ``explanation``, ``rule_explanation`` and ``observations`` may be given as
    :class:`Lazy` values; they are computed on first read and compare by value.
    """

    id: str
    name: Label
    level: Level
    verdict: Verdict
    basis: Basis
    _explanation: Explanation | Lazy[Explanation] = attrs.field(alias="explanation", eq=_force)
    children: tuple[Assessment, ...] = ()
    rule_verdict: Verdict | None = None
    _rule_explanation: Explanation | Lazy[Explanation | None] | None = attrs.field(
        default=None, alias="rule_explanation", eq=_force
    )
    strategy: str | None = None
    _observations: tuple[Observation, ...] | Lazy[tuple[Observation, ...]] = attrs.field(
        default=(), alias="observations", eq=_force
    )
    judgment: Judgment | None = None
    period: int | None = None
    entity: str | None = None

    @staticmethod
    def _unchecked(*values: Any) -> Assessment:
        """A node from its field values in order, without ``__init__``.

        For the engine, which builds thousands of nodes from checked columns.
        """
        return _make_unchecked(*values)

    @staticmethod
    def _unchecked_many(n: int, *columns: Iterable[Any]) -> list[Assessment]:
        """``n`` nodes from their field values as columns, without ``__init__``."""
        return _unchecked_many(n, *columns)

    @property
    def explanation(self) -> Explanation:
        """Why the node has its verdict."""
        return _force(self._explanation)  # type: ignore[no-any-return]

    @property
    def rule_explanation(self) -> Explanation | None:
        """The rule's own explanation."""
        return _force(self._rule_explanation)  # type: ignore[no-any-return]

    @property
    def observations(self) -> tuple[Observation, ...]:
        """The outcomes the rule read (metrics only)."""
        return _force(self._observations)  # type: ignore[no-any-return]

    def to_dict(self, lang: Lang = "sv", *, exact: bool = False) -> dict[str, Any]:
        """This node and its children in the JSON report contract's NODE shape.

        What ``indikator assess --format json`` prints under ``"programme"`` for the
        whole tree (:mod:`indikator.serial` is the one serialiser). ``exact`` adds what
        :func:`indikator.io.jsonio.assessment_from_dict` needs to restore the node
        exactly (every rule explanation, the judgment's target and period, non-finite
        figures).
        """
        from indikator.serial import node_dict

        return node_dict(self, lang, exact=exact)

    def walk(self) -> list[Assessment]:
        """This node and every node below it, depth first, parents before children."""
        out: list[Assessment] = []
        stack: list[Assessment] = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    def find(self, node_id: str) -> Assessment:
        """The node with the given id anywhere in this tree.

        Raises:
            KeyError: No node has that id.
        """
        for node in self.walk():
            if node.id == node_id:
                return node
        raise KeyError(node_id)


def _unchecked_maker() -> Callable[..., Assessment]:
    """A constructor that sets the slots through their descriptors.

    A frozen attrs ``__init__`` sets each by name, several times slower.
    """
    names = [a.name for a in attrs.fields(Assessment)]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": Assessment}
    for i, name in enumerate(names):
        scope[f"_s{i}"] = Assessment.__dict__[name].__set__
    args = ", ".join(f"v{i}" for i in range(len(names)))
    body = "\n".join(f"    _s{i}(node, v{i})" for i in range(len(names)))
    exec(f"def make({args}):\n    node = _new(_cls)\n{body}\n    return node", scope)
    return scope["make"]  # type: ignore[no-any-return]


def _unchecked_many(n: int, *columns: Iterable[Any]) -> list[Assessment]:
    """``n`` nodes from their field values given as columns, one per field in order.

    Each field is set for every node by one loop in C (a slot's setter mapped over the
    nodes and the column), not by a Python call per node. Every column must hold ``n``
    values (or repeat one value).
    """
    nodes = list(map(object.__new__, repeat(Assessment, n)))
    for setter, column in zip(_SETTERS, columns, strict=True):
        deque(map(setter, nodes, column), maxlen=0)
    return nodes


_SETTERS = tuple(Assessment.__dict__[a.name].__set__ for a in attrs.fields(Assessment))
_make_unchecked = _unchecked_maker()
_make_unchecked.__doc__ = Assessment._unchecked.__doc__
Assessment._unchecked = staticmethod(_make_unchecked)  # type: ignore[method-assign]
Assessment._unchecked_many = staticmethod(_unchecked_many)  # type: ignore[method-assign]
# (the generated constructor itself, not a method that calls it: one call less per node)
