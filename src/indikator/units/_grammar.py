"""The bounded grammar of a unit string, checked before pint sees any of it.

Pint's own parser evaluates expressions: given ``9**9**9**9`` it computes a number with
billions of digits, and crafted strings end in assertion, overflow or recursion errors.
So a unit string is first read here, by a small recursive-descent parser with hard
limits, into a canonical expression made only of names, ``*``, ``/``, ``(``, ``)`` and
small integer powers; only that canonical text is handed to pint.

The grammar (``juxtaposition`` is a space between two factors, meaning ``*``)::

    unit     := ("1" "/" | "per") operand { ... } | product
    product  := group { "*" group | ("/" | "per") operand }
    group    := power { juxtaposition power }      (binds tighter: kWh/m2 år)
    operand  := NUMBER NAME { juxtaposition power }   (a number only after "/" or "per")
              | group
    power    := factor [ ("^" | "**") EXPONENT ]      (no power of a power)
    factor   := NAME | "(" product ")" | "%" | "‰"
    EXPONENT := [ "-" ] DIGIT [ DIGIT ]               (|exponent| <= MAX_EXPONENT)

Superscripts (``m²``, ``s⁻¹``) are read as powers; ``m2``, ``km2``, ``m3`` as powers of
a length. A number after ``/`` scales the unit after it (``per 100 000 invånare`` is "per
100 000 inhabitants"), for any whole number up to :data:`MAX_SCALE`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from indikator.errors import UnitError

MAX_LENGTH = 120
"""The longest unit string read (characters, after trimming white space)."""
MAX_EXPONENT = 9
"""The largest power a unit may carry (``m^9``); larger ones are refused."""
MAX_FACTORS = 12
"""The most names one unit may combine."""
MAX_DEPTH = 3
"""The deepest nesting of parentheses."""
MAX_SCALE = 10**9
"""The largest number a unit may be scaled by (``per 1 000 000 000 inhabitants``)."""

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r"|(?P<number>\d+(?:[ \u00a0\u202f,]\d{3})*)"
    r"|(?P<name>[^\W\d][\w]*\.?)"
    r"|(?P<op>\*\*|\^|\*|/|\(|\)|%|‰|-|\+)"
)
_LENGTH_POWER = re.compile(r"^([kcdmh]?m)([23])$")

Resolver = Callable[[str], str]
"""Maps a name as written to the registry name to use (raising UnitError if refused)."""
Scaler = Callable[[int, str], str]
"""Maps (N, registry name) to the name of a unit N times as large."""


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise UnitError(
                f"{text[pos]!r} at position {pos + 1} cannot be part of a unit",
                field="unit",
                value=text,
            )
        kind = m.lastgroup or ""
        if kind != "ws":
            out.append((kind, m.group(), pos))
        pos = m.end()
    return out


def _superscripts(text: str) -> str:
    return _SUPER_RUN.sub(lambda m: "^" + m.group().translate(_SUPERSCRIPTS), text)


class _Parser:
    def __init__(self, text: str, resolve: Resolver, scale: Scaler) -> None:
        self.text = text
        self.tokens = _tokens(_superscripts(text))
        self.pos = 0
        self.depth = 0
        self.factors = 0
        self.resolve = resolve
        self.scale = scale

    # -- helpers ----------------------------------------------------------------------

    def fail(self, message: str) -> UnitError:
        return UnitError(message, field="unit", value=self.text)

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            raise self.fail("the unit ends too early (a name or '(' is missing at the end)")
        self.pos += 1
        return tok

    def is_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "op" and tok[1] in ops

    def is_per(self) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "name" and tok[1].casefold() in ("per", "/")

    def starts_factor(self) -> bool:
        tok = self.peek()
        if tok is None:
            return False
        if tok[0] == "name":
            return tok[1].casefold() != "per"
        return tok[0] == "op" and tok[1] in ("(", "%", "‰")

    # -- grammar ----------------------------------------------------------------------

    def unit(self) -> str:
        tok = self.peek()
        if self.is_per() and len(self.tokens) > 1:
            self.pos += 1
            out = self.rest("1 / " + self.operand())
        elif tok is not None and tok[0] == "number":
            if tok[1] != "1":
                raise self.fail(
                    "a unit cannot begin with a number (a number may only follow '/' or "
                    "'per', as in 'l/100 km')"
                )
            self.pos += 1
            if not (self.is_op("/") or self.is_per()):
                raise self.fail("'1' must be followed by '/' (as in '1/h')")
            self.pos += 1
            out = "1 / " + self.operand()
            out = self.rest(out)
        else:
            out = self.product()
        tok = self.peek()
        if tok is not None:
            raise self.fail(f"{tok[1]!r} at position {tok[2] + 1} is not expected here")
        return out

    def product(self) -> str:
        return self.rest(self.group())

    def rest(self, out: str) -> str:
        while True:
            if self.is_op("*"):
                self.pos += 1
                out = f"{out} * {self.group()}"
            elif self.is_op("/") or self.is_per():
                self.pos += 1
                out = f"{out} / {self.operand()}"
            else:
                return out

    def group(self, first: str | None = None) -> str:
        """Factors side by side bind tighter than '*' and '/': kWh/m2 år is kWh/(m2·år)."""
        parts = [self.power() if first is None else first]
        while self.starts_factor():
            parts.append(self.power())
        return parts[0] if len(parts) == 1 else "(" + " * ".join(parts) + ")"

    def operand(self) -> str:
        tok = self.peek()
        if tok is not None and tok[0] == "number":
            self.pos += 1
            digits = re.sub(r"\D", "", tok[1])
            if len(digits) > 10 or not 1 <= int(digits) <= MAX_SCALE:
                raise self.fail(
                    f"the number {tok[1]!r} must be a whole number from 1 to {MAX_SCALE:,}"
                    .replace(",", " ")
                )
            nxt = self.peek()
            if nxt is None or nxt[0] != "name" or nxt[1].casefold() == "per":
                raise self.fail(
                    f"the number {tok[1]!r} must be followed by a unit name "
                    "(as in 'per 1 000 invånare')"
                )
            self.pos += 1
            self.count_factor()
            name = self.name(nxt[1])
            if not _plain_name(name):
                raise self.fail(f"{nxt[1]!r} cannot be scaled by a number")
            return self.group(self.exponent(self.scale(int(digits), name)))
        return self.group()

    def power(self) -> str:
        return self.exponent(self.factor())

    def exponent(self, base: str) -> str:
        if not self.is_op("^", "**"):
            return base
        self.pos += 1
        sign = ""
        if self.is_op("-", "+"):
            sign = "-" if self.take()[1] == "-" else ""
        parens = self.is_op("(")
        if parens:
            self.pos += 1
            if self.is_op("-", "+"):
                sign = "-" if self.take()[1] == "-" else ""
        tok = self.take()
        if tok[0] != "number" or not tok[1].isdigit() or not tok[1].isascii():
            raise self.fail(f"a power must be a whole number, not {tok[1]!r}")
        if len(tok[1]) > 2 or int(tok[1]) > MAX_EXPONENT:
            raise self.fail(f"a power above {MAX_EXPONENT} is not a unit (the power is {tok[1]})")
        if parens:
            if not self.is_op(")"):
                raise self.fail("a ')' is missing after the power")
            self.pos += 1
        if self.is_op("^", "**"):
            raise self.fail("a power of a power is not a unit")
        power = int(sign + tok[1])
        if power == 0:
            raise self.fail("a power of 0 is not a unit")
        return f"{base} ** {power}"

    def factor(self) -> str:
        tok = self.take()
        kind, text, _ = tok
        self.count_factor()
        if kind == "name":
            return self.name(text)
        if kind == "op" and text == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.fail(f"parentheses may be nested at most {MAX_DEPTH} deep")
            inner = self.product()
            if not self.is_op(")"):
                raise self.fail("a ')' is missing")
            self.pos += 1
            self.depth -= 1
            return f"({inner})"
        if kind == "op" and text == "%":
            if self.is_op("%"):
                raise self.fail(
                    "'%%' is not a unit: write % for percent, ‰ or promille for per mille"
                )
            return "percent"
        if kind == "op" and text == "‰":
            return "permille"
        if kind == "number":
            raise self.fail(
                f"the number {text!r} at position {tok[2] + 1} is not expected here (a number "
                "may only follow '/' or 'per', as in 'l/100 km')"
            )
        raise self.fail(f"{text!r} at position {tok[2] + 1} is not expected here")

    def count_factor(self) -> None:
        self.factors += 1
        if self.factors > MAX_FACTORS:
            raise self.fail(f"a unit may combine at most {MAX_FACTORS} names")

    def name(self, text: str) -> str:
        word = text[:-1] if text.endswith(".") else text
        m = _LENGTH_POWER.match(word)
        if m:
            return f"{self.resolve(m.group(1))} ** {m.group(2)}"
        return self.resolve(word)


def _plain_name(text: str) -> bool:
    return text.isidentifier()


def canonical(text: str, resolve: Resolver, scale: Scaler) -> str:
    """The unit ``text`` as a canonical pint expression, or a UnitError saying why not.

    Args:
        text: The unit as written, already trimmed, at most :data:`MAX_LENGTH` long.
        resolve: Maps each name to the registry name to use.
        scale: Defines (or finds) the unit ``N`` times a registry name.

    Raises:
        UnitError: The text is not a unit the grammar allows.
    """
    return _Parser(text, resolve, scale).unit()
