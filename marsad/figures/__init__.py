"""Figures checked against each other and against the record (``marsad check``).

Stages, each usable alone (who states a figure, one entity across scripts, is
:mod:`marsad.sources`): :mod:`.footing` (a claim as an interval of values over a period of days),
:mod:`.compare` (which figures can be compared, and whether they agree), :mod:`.record`
(marsad's own count over a figure's period, with the coverage it rests on), and
:mod:`.report` (all of it as one call, for the CLI and the API).
"""
