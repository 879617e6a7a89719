"""The HTML report's graphic profile: colours, fonts and logo a region sets without forking.

Every colour, font and width the page uses beyond its base rules is a CSS custom property
(``--ik-…``, listed in :data:`PROPERTIES`), set in ``:root`` by :data:`THEME_CSS`. A region's
own stylesheet, appended after it (``indikator assess --stylesheet FILE``, or
``Theme(css=...)``), overrides any of them, or any rule::

    :root { --ik-accent: #00594f; --ik-font: "Region Sans", Arial, sans-serif; }

A logo (``--logo FILE``) is embedded in the page as a ``data:`` URL, so the page stays
one standalone file; fonts the stylesheet embeds as ``data:`` URLs load too (the page's
Content Security Policy allows nothing from the network). The rules for the table of
contents, the layout on a narrow screen (the page never scrolls sideways at 375 px:
wide tables scroll inside their own box), the comparison matrix and the history live
here as well, so the page structure in :mod:`indikator.render.html` stays short.
"""

from __future__ import annotations

import attrs

__all__ = ["PROPERTIES", "THEME_CSS", "Theme"]

PROPERTIES: dict[str, str] = {
    "--ik-font": 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    "--ik-heading-font": "var(--ik-font)",
    "--ik-text": "#1a1a1a",
    "--ik-muted": "#333333",
    "--ik-background": "#ffffff",
    "--ik-accent": "#1f4e79",
    "--ik-line": "#c4c4c4",
    "--ik-table-head": "#eef2f6",
    "--ik-positive-bg": "#e3f1e6",
    "--ik-positive-fg": "#0f4a24",
    "--ik-unchanged-bg": "#fff3cf",
    "--ik-unchanged-fg": "#4f3b00",
    "--ik-negative-bg": "#fde6e6",
    "--ik-negative-fg": "#7a1111",
    "--ik-no-value-bg": "#eeeeee",
    "--ik-no-value-fg": "#2e2e2e",
    "--ik-max-width": "72rem",
    "--ik-logo-height": "3rem",
}
"""The custom properties a stylesheet may set, with their defaults (colour pairs keep a
contrast ratio above 7:1)."""

_ROOT = "\n".join(f"  {k}: {v};" for k, v in PROPERTIES.items())

THEME_CSS = (":root {\n" + _ROOT + "\n}\n" + """
body { font-family: var(--ik-font); color: var(--ik-text); background: var(--ik-background);
  overflow-wrap: break-word; }
h1, h2, h3, h4 { font-family: var(--ik-heading-font); }
header, main, footer, nav.toc { max-width: var(--ik-max-width); }
header { border-bottom-color: var(--ik-accent); }
.sub, .basis, figcaption, footer { color: var(--ik-muted); }
.judgment { border-left-color: var(--ik-accent); }
th, td, .metric { border-color: var(--ik-line); }
thead th { background: var(--ik-table-head); }
.v-positive { background: var(--ik-positive-bg); color: var(--ik-positive-fg); }
.v-unchanged { background: var(--ik-unchanged-bg); color: var(--ik-unchanged-fg); }
.v-negative { background: var(--ik-negative-bg); color: var(--ik-negative-fg); }
.v-no_value { background: var(--ik-no-value-bg); color: var(--ik-no-value-fg); }
a { color: var(--ik-accent); }
.logo { display: block; max-height: var(--ik-logo-height); max-width: 100%; width: auto;
  margin: 0 0 .5rem; }
svg { max-width: 100%; height: auto; }
.scroll { position: relative; max-width: 100%; overflow-x: auto; }
.scroll:focus { outline: 2px solid var(--ik-accent); }
.data > table { display: block; position: relative; max-width: 100%; overflow-x: auto; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
nav.toc { margin: 0 auto; padding: .4rem 1rem; }
nav.toc h2 { font-size: 1.1rem; margin: .8rem 0 .2rem; border: 0; }
nav.toc ol { margin: .1rem 0; padding-left: 1.2rem; }
nav.toc li { margin: .1rem 0; }
nav.toc .sym { display: inline-block; min-width: 1.2em; }
.overview td a, .overview th a { display: block; }
.top { margin: .6rem 0 0; font-size: .85rem; }
section.entity > h1 { margin: 2.5rem 0 0; }
section.entity > h1 { border-top: 2px solid var(--ik-accent); padding-top: .8rem; }
.matrix td, .history td { text-align: center; white-space: nowrap; }
.matrix td a, .history td a { display: block; text-decoration: none; color: inherit; }
.matrix th a, .history th a { color: var(--ik-accent); }
.orders > .order { display: none; }
.orders > .order.default, .orders > .order:target { display: block; }
.orders:has(> .order:target) > .order.default:not(:target) { display: none; }
.sorts { margin: .3rem 0; font-size: .9rem; }
.matrix summary h2 { display: inline; }
.history th.lv-goal_area { padding-left: 1rem; }
.history th.lv-indicator { padding-left: 1.8rem; font-weight: normal; }
.history th.lv-metric { padding-left: 2.6rem; font-weight: normal; font-style: italic; }
.multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  gap: .6rem; list-style: none; padding: 0; }
.multiples li { border: 1px solid var(--ik-line); border-radius: .3rem; padding: .3rem .5rem; }
.multiples h4 { font-size: .9rem; }
.multiples svg text.s-positive { fill: var(--ik-positive-fg); font-size: 12px; }
.multiples svg text.s-unchanged { fill: var(--ik-unchanged-fg); font-size: 12px; }
.multiples svg text.s-negative { fill: var(--ik-negative-fg); font-size: 12px; }
.multiples svg text.s-no_value { fill: var(--ik-no-value-fg); font-size: 12px; }
.multiples .syms { font-size: .85rem; margin: .1rem 0 0; }
@media (max-width: 40rem) { h1 { font-size: 1.4rem; } h2 { font-size: 1.2rem; } }
@media print { nav.toc, .sorts { display: none; } .orders > .order { display: none; }
  .orders > .order.default { display: block; } }
""")
"""The rules of the graphic profile, navigation and narrow layout, after the base rules."""


@attrs.frozen
class Theme:
    """A region's graphic profile for the HTML report.

    Attributes:
        css: A stylesheet appended after the page's own rules (sets ``--ik-…``
            properties or overrides any rule); checked text, see
            :func:`indikator.io.theme.read_theme`.
        logo: The logo as a ``data:`` URL (``data:image/png;base64,…``), shown at the top
            of the page, or ``None``.
        logo_alt: The logo's text alternative (the organisation's name).
    """

    css: str = ""
    logo: str | None = None
    logo_alt: str = ""
