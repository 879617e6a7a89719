"""The data layer: observations as columns, and series ready for the kernels.

:class:`Observations` is what every reader produces and the engine consumes;
:class:`SeriesFrame` is the same observations converted to their metrics' units, sorted
into series, with the vectorised look-ups the strategies' kernels need.
"""

from __future__ import annotations

from indikator.data.frame import SeriesFrame
from indikator.data.observations import FLAG_BITS, EntityId, Observations, flags_of, mask_of

__all__ = ["FLAG_BITS", "EntityId", "Observations", "SeriesFrame", "flags_of", "mask_of"]
