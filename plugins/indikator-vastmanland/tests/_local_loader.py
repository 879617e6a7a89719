"""A small reader of the example dataset, used only until ``indikator.io`` lands."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

from indikator.model import Dataset, Judgment, Observation


def _number(text: str) -> float | None:
    text = text.strip()
    if not text or text == "-":
        return None
    return float(text.replace(",", "."))


def load_local(folder: Path) -> Dataset:
    manifest = tomllib.loads((folder / "indikator.toml").read_text("utf-8"))
    observations: dict[str, list[Observation]] = {}
    for entry in manifest["outcomes"]:
        text = (folder / entry["path"]).read_text("utf-8-sig")
        for row in csv.DictReader(text.splitlines(), delimiter=";"):
            value = _number(row["utfall"])
            observations.setdefault(row["mätetal"], []).append(
                Observation(
                    period=int(row["år"]),
                    value=value,
                    unit=(row["enhet"] or None) if value is not None else None,
                    text=row["text"] or None,
                    flags=row["flaggor"].split(),
                    note=row["anmärkning"] or None,
                    component=row["komponent"] or None,
                )
            )
    judgments = []
    for entry in manifest.get("judgments", []):
        data = tomllib.loads((folder / entry["path"]).read_text("utf-8"))
        for j in data["judgment"]:
            judgments.append(
                Judgment(
                    target=j["metric"],
                    period=j["period"],
                    verdict=j["verdict"],
                    reason=j["reason"],
                    author=j.get("author"),
                )
            )
    ds = manifest["dataset"]
    return Dataset(
        programme=ds["programme"],
        period=ds["period"],
        observations=observations,
        judgments=judgments,
        title=(ds["title"], ds.get("title_en", ds["title"])),
        source=str(folder),
    )
