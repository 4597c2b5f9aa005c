"""An analyst's review: decisions about incidents, kept across re-runs.

In: a corrections file (CSV or JSON Lines, one decision a row) and an
article's incidents. Out: the incidents with every decision applied — dropped,
added, corrected — each carrying who changed what; decisions that no longer
find their incident, kept and reported.

- ``corrections.py`` — the file: its columns, reading and checking each row;
- ``apply.py`` — :class:`Review`: each decision to its incident, applied.
"""

__all__: list[str] = []
