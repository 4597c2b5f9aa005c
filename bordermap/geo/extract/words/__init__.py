"""The extractor's words: rule files read once, and the readers every pass shares.

- ``lexicon.py`` — reads ``extract/rules/*.txt`` into patterns;
- ``scanner.py`` — runs a section's rows only where their first letters begin
  a word of the sentence;
- ``counts.py`` — numbers and their hedges → low / best / high;
- ``dates.py`` — date phrases → calendar days;
- ``triggers.py`` — event triggers and the window of text each one owns;
- ``casualties.py`` — what a number counts (killed, wounded, displaced, other);
- ``clauses.py`` — clauses of a sentence and small span helpers.

Exact rules live here; no pass's judgement does.
"""

__all__: list[str] = []
