"""Hypothesis settings for the library's tests.

No deadline: a unit test checks results, never timing (timing targets live in
``make bench``), and on a loaded two-core machine an example that takes 150 ms
can take 300 ms the next time, which Hypothesis would report as a flaky failure.
"""

from hypothesis import settings

settings.register_profile("activation-functions", deadline=None)
settings.load_profile("activation-functions")
