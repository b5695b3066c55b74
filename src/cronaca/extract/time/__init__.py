"""Time expressions: the engine behind the ``timexes`` component (``extract/timexes.py``).

=====================  ===============================================================
``rules``              the rules of a language, compiled once (``rules_for``)
``calendar_rules``     dates, months, weekdays, years, decades (CLDR names, dateparser)
``relative_rules``     the phrases of ``resources/<lang>/time.yaml`` ("tre mesi fa")
``names``              month and weekday names from CLDR; regex alternations of words
``candidates``         ``Rule`` → ``Match`` (a candidate) → ``Found`` (chosen, resolved)
``scan``               running the rules over a text (windows, needed words), overlaps
``resolve``            against the article date, the tense, the previous expression
``surroundings``       modifiers ("inizio 2024") and ranges ("da … a …", "since")
``intervals``          the interval arithmetic (shift, span, narrow, nearest month)
``values``             TIMEX3 values ("2025-W51", "P3M") and the mention's value dict
=====================  ===============================================================
"""
